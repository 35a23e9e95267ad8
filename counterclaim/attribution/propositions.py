"""Denied reports as competing explanations: "Al-Sisi has denied Israeli reports stating that he offered to
extend the Gaza Strip" makes "Al-Sisi offered to extend the Gaza Strip" a hypothesis of its own, whether or
not anyone did anything to anyone. The documents that carry the proposition report or assert it; the
denial denies it.

A proposition is read only where a source denies it as a report, claim or allegation; one about an
actor's part in the incident ("rejects speculation that it had a role") is the actor hypotheses' business.
Claims elsewhere carry it when they share most of its content words; the label is the proposition with a
leading pronoun replaced by the denier ("he offered" → "Al-Sisi offered"), in curly quotes.
"""

from __future__ import annotations

import re

from ..model import Claim
from .actors import Mention
from .cues import Hit, subject_before
from .forms import DENIED_REPORT_OBJECT, PART_IN_IT, SUBJECT_DENY

DENIED_REPORT = re.compile(rf"(?P<cue>{SUBJECT_DENY.pattern})\s+{DENIED_REPORT_OBJECT}\s*(?P<p>[^.;:!?\n]{{10,200}})",
                           re.I)
# Where the proposition ends: a tail that comments on it rather than belonging to it.
_TAIL = re.compile(r",?\s+(?:although|though|but|saying|according|which|while|as)\b.*$|,.*$", re.I | re.S)
_PRONOUN = re.compile(r"^(?:he|she|it|they)\b", re.I)
_STOP = {"the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "for", "with", "by", "from", "that", "this",
         "was", "were", "is", "are", "be", "been", "had", "has", "have", "his", "her", "its", "their", "he", "she",
         "it", "they", "any", "ever", "not", "would", "could", "will", "into", "over", "after", "before", "about"}
SHARED = 0.6  # share of a proposition's content words a claim must carry to carry it (tuned on dev stories)


def is_proposition(name: str) -> bool:
    return name.startswith("“") and name.endswith("”")


def _stem(word: str) -> str:
    if word.endswith(("ied", "ies")) and len(word) >= 5:  # "spied", "denies": "spy", "deny", as "spying" is
        return word[:-3] + "y"
    if word.endswith("ying"):
        return word[:-3]
    for end in ("ening", "ened", "ing", "ed", "es", "s"):
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[:-len(end)]
    return word


def content(text: str) -> set[str]:
    """Content words, crudely stemmed, possessives dropped ("Foley's family" -> foley, family)."""
    words = (re.sub(r"['’]s?$", "", w) for w in re.findall(r"[a-z0-9][a-z0-9'’-]*", text.lower()))
    return {_stem(w) for w in words if w not in _STOP and len(w) > 2}


_AUX_END = re.compile(r"\s+(?:has|have|had|is|was|are|were)$")
_LEADING_NAME = re.compile(r"\s*((?:[A-Z][\w.’'-]*\s+)*[A-Z][\w.’'-]*)")


def _denier(sentence: str, cue: str) -> str:
    """Who denies: the subject just before the cue ("Al-Sisi has denied"), an appositive name before it ("his
    doctor, Gwen Korovin, has denied"), or, for a participle or an infinitive after a clause ("Yorkville
    Endoscopy issued a statement ... denying", "Bonet spoke out to deny"), the sentence's leading name;
    "unspecified" when none is written."""
    if (cue.lower().endswith("ing") and not re.search(r"\b(?:is|are|was|were|been)\s+$", sentence)) \
            or re.search(r"\bto\s+$", sentence):
        lead = _LEADING_NAME.match(sentence)
        if lead:
            return lead.group(1)
    subject = _AUX_END.sub("", subject_before(sentence))
    if not subject:
        parts = [x for x in re.split(r",", _AUX_END.sub("", sentence.rstrip(" ,"))) if x.strip()]
        subject = subject_before(parts[-1]) if parts else ""
    return subject or "unspecified"


def denied(claims: list[Claim], texts: dict[str, str]) -> list[tuple[Claim, int, int, str, str, str, int]]:
    """(claim, start, end, cue, proposition, denier, cue offset) for every report a document denies; the finding is
    anchored to the claim that holds the proposition (the claims stage often keeps the denial frame out of it)."""
    out = []
    by_doc: dict[str, list[Claim]] = {}
    for claim in claims:
        by_doc.setdefault(claim.doc_id, []).append(claim)
    for doc_id, text in texts.items():
        for m in DENIED_REPORT.finditer(text):
            p = _TAIL.sub("", m.group("p")).strip(" '\"“”")
            holder = next((c for c in by_doc.get(doc_id, []) if c.start <= m.start("p") < c.end
                           or m.start("p") <= c.start < m.start("p") + len(p)), None)
            if holder is None or PART_IN_IT.search(p) or len(content(p)) < 3:
                continue  # no claim to trace it to, an actor's part in the incident, or too little to compare
            sentence = text[max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1:m.start()]
            denier = _denier(sentence, m.group("cue"))
            if _PRONOUN.match(p) and denier[:1].isupper():
                p = _PRONOUN.sub(denier, p)
            start, end = max(m.start("p"), holder.start) - holder.start, min(m.end("p"), holder.end) - holder.start
            out.append((holder, start, end, m.group("cue"), p, denier, m.start()))
    return out


def proposition_hits(claims: list[Claim], texts: dict[str, str]) -> list[Hit]:
    """Findings for each denied proposition: its denials, and the claims that carry it."""
    groups: list[tuple[str, set[str], list[tuple[Claim, int, int, str, str]]]] = []
    frames: set[tuple[str, int]] = set()
    for claim, start, end, cue, p, denier, at in denied(claims, texts):
        frames.add((claim.doc_id, at))
        words = content(p)
        group = next((g for g in groups if len(words & g[1]) >= SHARED * min(len(words), len(g[1]))), None)
        if group is None:
            groups.append((p, words, [(claim, start, end, cue, denier)]))
        else:
            group[2].append((claim, start, end, cue, denier))
    hits: list[Hit] = []
    said = {c.id: content(c.text) for c in claims} if groups else {}
    # A claim that denies a report, or frames the denial, carries none: "X has hit back at allegations by Y" shares
    # the words of "X spied on Y" (allsides:5904/center) but does not say it.
    denying = {c.id for *_, denials in groups for c, *_ in denials} \
        | {c.id for c in claims if any(doc == c.doc_id and c.start <= at < c.end for doc, at in frames)}
    for p, words, denials in groups:
        label = f"“{p}”"
        for claim, start, end, cue, denier in denials:
            mention = Mention(start, end, label, claim.text[start:end])
            hits.append(Hit(claim, mention, cue, "denied-report", "rejects", denier, "reported"))
        for claim in claims:
            if claim.id in denying or len(said[claim.id] & words) < max(3, SHARED * len(words)):
                continue
            mention = Mention(0, len(claim.text), label, claim.text)
            polarity = "rejects" if negates(claim) else "supports"
            hits.append(Hit(claim, mention, "carries the proposition", "proposition", polarity,  # type: ignore[arg-type]
                            claim.speaker.name, claim.speaker.kind))
    return hits


def negates(claim: Claim) -> bool:
    """Whether a claim that carries a proposition says it is not so ("the NHL has no plans to expand")."""
    return claim.negated or claim.stance == "denies"
