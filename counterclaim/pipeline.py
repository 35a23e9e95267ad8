"""Stage registry and the per-document context stages work on.

Like spaCy's pipeline components, each stage adds one kind of annotation.
Document stages see one document (its immutable text, its spaCy parse and the
annotations earlier stages added); case stages see the whole case after every
document is analysed. Stages register themselves by name with a version; the
pipeline version (a hash of names and versions) decides when a stored
document must be re-analysed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from .model import Annotation, CaseRecord, Document

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .case import Case

A = TypeVar("A", bound=Annotation)


@dataclass
class DocContext:
    """What a document stage sees: the document, its parse, and earlier layers."""

    document: Document
    doc: "Doc"
    layers: dict[str, list[Annotation]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.document.text

    def get(self, cls: type[A]) -> list[A]:
        return self.layers.get(cls.layer, [])  # type: ignore[return-value]

    def add(self, items: Iterable[Annotation]) -> None:
        for item in items:
            if item.doc_id != self.document.id:
                raise ValueError(f"{item.id} belongs to {item.doc_id}, not {self.document.id}")
            if not (0 <= item.start <= item.end <= len(self.text)):
                raise ValueError(f"{item.id}: span {item.start}-{item.end} outside the text")
            self.layers.setdefault(item.layer, []).append(item)

    def make_id(self, prefix: str, start: int, end: int) -> str:
        """Offset-based id: stable across re-analysis as long as the span is."""
        return f"{self.document.id}/{prefix}{start}-{end}"

    def all(self) -> list[Annotation]:
        return [a for items in self.layers.values() for a in items]


DocStageFn = Callable[[DocContext], Iterable[Annotation]]
CaseStageFn = Callable[["Case"], Iterable[CaseRecord]]


@dataclass(frozen=True)
class Stage:
    name: str
    version: str
    scope: str  # "document" or "case"
    fn: Callable[..., Any]
    layers: tuple[str, ...] = ()


class Registry:
    """Named stages; a pipeline is an ordered list of names, so any stage can be swapped."""

    def __init__(self) -> None:
        self.stages: dict[str, Stage] = {}

    def document_stage(self, name: str, version: str) -> Callable[[DocStageFn], DocStageFn]:
        def register(fn: DocStageFn) -> DocStageFn:
            self.stages[name] = Stage(name, version, "document", fn)
            return fn

        return register

    def case_stage(self, name: str, version: str, layers: tuple[str, ...]) -> Callable[[CaseStageFn], CaseStageFn]:
        """A cross-document stage; it owns (and replaces) the record ``layers``."""

        def register(fn: CaseStageFn) -> CaseStageFn:
            self.stages[name] = Stage(name, version, "case", fn, layers)
            return fn

        return register

    def get(self, name: str) -> Stage:
        try:
            return self.stages[name]
        except KeyError:
            raise KeyError(f"no stage named {name!r}; known: {', '.join(sorted(self.stages))}") from None


registry = Registry()


def pipeline_version(stages: Iterable[Stage], model_version: str) -> str:
    """Hash of the document stages and the NLP model; a change re-analyses documents."""
    parts = [model_version] + [f"{s.name}={s.version}" for s in stages if s.scope == "document"]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
