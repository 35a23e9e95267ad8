"""Small helpers over the dependency parse shared by the claims modules."""

from __future__ import annotations

from spacy.tokens import Span, Token


def name_of(token: Token) -> Span:
    """The words naming a speaker: proper names over descriptions ("two heroic Russian
    democrats: Litvinenko and Politkovskaya" is Litvinenko and Politkovskaya)."""
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text == ":" and doc[token.i + 2].pos_ == "PROPN":
        return phrase_of(doc[token.i + 2])
    apposition = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    return phrase_of(apposition[0] if apposition else token)


def phrase_of(token: Token) -> Span:
    """A noun phrase without determiners, descriptive adjectives or clauses, with its conjuncts:
    "The imperialist Atlantic Council" -> "Atlantic Council", "Russia and others"."""
    keep = [token, *_modifiers(token)]
    for conj in (c for c in token.children if c.dep_ == "conj"):
        keep += [conj, *_modifiers(conj)]
    return token.doc[min(t.i for t in keep):max(t.i for t in keep) + 1]


def _modifiers(token: Token) -> list[Token]:
    out: list[Token] = []
    for child in token.lefts:
        if token.pos_ == "PROPN" and child.pos_ != "PROPN":
            continue  # "the journalistic group Meduza" is Meduza
        if child.dep_ in ("compound", "nmod", "nummod", "poss") or (child.dep_ == "amod" and child.text[:1].isupper()):
            out += [child, *_modifiers(child)]
    return out


def marked(token: Token, word: str) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == word for c in token.children)


def auxiliaries(head: Token) -> set[str]:
    return {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}


def governing_verb(token: Token) -> Token:
    """The token itself if a verb, else its nearest verbal ancestor ("responsible" -> "was")."""
    return next((t for t in (token, *token.ancestors) if t.pos_ in ("VERB", "AUX")), token)


def first_child(token: Token, deps: tuple[str, ...]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def pobj(token: Token, preposition: str) -> Token | None:
    return next((g for c in token.children if c.lower_ == preposition for g in c.children if g.dep_ == "pobj"), None)


def particle_of(token: Token) -> str | None:
    particle = first_child(token, ("prt",))
    return particle.lower_ if particle is not None else None


def is_title_case(span: Span) -> bool:
    """Title case ('Attack Kills More Than 60'), where the tagger reads verbs and nouns as names."""
    words = [t for t in span if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)
