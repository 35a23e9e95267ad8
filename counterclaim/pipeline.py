"""Stage registry, and what stages see: a document context or a case's inputs.

Like spaCy's pipeline components, each stage adds one kind of annotation or record. Document
stages see one document (its immutable text, its spaCy parse and the annotations earlier stages
added); case stages see typed inputs read from the whole case after every document is analysed
(documents, annotation layers, record layers, analyst items) and return typed records. No stage
imports the case or touches the store: the runner (:mod:`counterclaim.runner`) reads a stage's
inputs, calls it and writes what it returns.

Each stage declares what it ``needs`` and what it ``adds`` (layer names; ``analyst:<kind>`` for
analyst items). :meth:`Registry.check` verifies a pipeline's order at start-up, as spaCy's
``analyze_pipes`` does, and raises :class:`PipelineError` on a stage that is missing or comes too
early. Stages register by name with a version: the pipeline version (a hash of document stage
names and versions) decides when a stored document must be re-analysed, and a case stage's
version is part of the fingerprint that decides when its records are stale.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from .model import Annotation, CaseRecord, Document

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

A = TypeVar("A", bound=Annotation)
R = TypeVar("R", bound=CaseRecord)

# Always there: the documents themselves and, for document stages, their parse.
BASE_INPUTS = frozenset({"document", "parse"})
ANALYST = "analyst:"


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


@dataclass
class CaseInputs:
    """What a case stage sees: the case's documents and the layers and analyst items it declared it needs.

    ``state`` is what the stage returned last time (e.g. its id allocation), so ids survive re-runs.
    """

    documents: list[Document]
    annotations: dict[str, list[Annotation]] = field(default_factory=dict)
    records: dict[str, list[CaseRecord]] = field(default_factory=dict)
    analyst: dict[str, dict[str, tuple[Any, int]]] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)

    def get(self, cls: type[A]) -> list[A]:
        """Annotations of one layer (analyst corrections applied)."""
        return [a for a in self._layer(self.annotations, cls.layer) if isinstance(a, cls)]

    def get_records(self, cls: type[R]) -> list[R]:
        return [r for r in self._layer(self.records, cls.layer) if isinstance(r, cls)]

    def analyst_items(self, kind: str) -> dict[str, tuple[Any, int]]:
        if kind not in self.analyst:
            raise PipelineError(f"the stage did not declare it needs {ANALYST}{kind}")
        return self.analyst[kind]

    @staticmethod
    def _layer(layers: dict[str, list[Any]], name: str) -> list[Any]:
        if name not in layers:
            raise PipelineError(f"the stage did not declare it needs the {name!r} layer")
        return layers[name]


@dataclass
class StageResult:
    """What a case stage returns: its records, and state to hand it next time (None: keep none)."""

    records: list[CaseRecord]
    state: dict[str, Any] | None = None


DocStageFn = Callable[[DocContext], Iterable[Annotation]]
CaseStageFn = Callable[[CaseInputs], StageResult]


class PipelineError(RuntimeError):
    """A pipeline that cannot run as ordered: an unknown stage, or one whose inputs no earlier stage adds."""


@dataclass(frozen=True)
class Stage:
    name: str
    version: str
    scope: str  # "document" or "case"
    fn: Callable[..., Any]
    needs: tuple[str, ...] = ()
    adds: tuple[str, ...] = ()

    @property
    def layers(self) -> tuple[str, ...]:
        """The record layers a case stage owns (and replaces on each run)."""
        return self.adds

    @property
    def state_key(self) -> str:
        return f"stage.{self.name}.state"


class Registry:
    """Named stages; a pipeline is an ordered list of names, so any stage can be swapped."""

    def __init__(self) -> None:
        self.stages: dict[str, Stage] = {}

    def document_stage(self, name: str, version: str, *, needs: Sequence[str] = (),
                       adds: Sequence[str]) -> Callable[[DocStageFn], DocStageFn]:
        def register(fn: DocStageFn) -> DocStageFn:
            self.stages[name] = Stage(name, version, "document", fn, tuple(needs), tuple(adds))
            return fn

        return register

    def case_stage(self, name: str, version: str, *, needs: Sequence[str],
                   adds: Sequence[str]) -> Callable[[CaseStageFn], CaseStageFn]:
        """A cross-document stage; it owns (and replaces) the record layers it ``adds``."""

        def register(fn: CaseStageFn) -> CaseStageFn:
            self.stages[name] = Stage(name, version, "case", fn, tuple(needs), tuple(adds))
            return fn

        return register

    def get(self, name: str) -> Stage:
        try:
            return self.stages[name]
        except KeyError:
            raise PipelineError(f"no stage named {name!r}; known: {', '.join(sorted(self.stages))}") from None

    def check(self, names: Iterable[str]) -> list[Stage]:
        """The stages of a pipeline in order, after checking each one's needs are added by an earlier one."""
        stages = [self.get(n) for n in names]
        available = set(BASE_INPUTS)
        for stage in stages:
            missing = [n for n in stage.needs if n not in available and not n.startswith(ANALYST)]
            if missing:
                makers = {n: [s.name for s in self.stages.values() if n in s.adds] for n in missing}
                wanted = "; ".join(f"{n!r} (added by {', '.join(m) or 'no registered stage'})" for n, m in makers.items())
                raise PipelineError(f"stage {stage.name!r} needs {wanted}, which no earlier stage of the pipeline adds")
            available |= set(stage.adds)
        return stages


registry = Registry()


def allocate_id(ids: dict[str, str], key: str, prefix: str) -> str:
    """The stable id of ``key`` in a stage's id map: the next ``<prefix><n>`` the first time, never reused."""
    if key not in ids:
        ids[key] = f"{prefix}{1 + max((int(v[len(prefix):]) for v in ids.values()), default=0)}"
    return ids[key]


def pipeline_version(stages: Iterable[Stage], model_version: str) -> str:
    """Hash of the document stages and the NLP model; a change re-analyses documents."""
    parts = [model_version] + [f"{s.name}={s.version}" for s in stages if s.scope == "document"]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
