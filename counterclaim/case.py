"""The Python API: a :class:`Case` is a folder (or database URL) of analysed articles."""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, repeat
from pathlib import Path
from typing import Any

from . import runner
from .ingest.articles import MAX_BYTES, MAX_CHARS, IngestError, IngestWarning, RawArticle, iter_inputs, sha256, to_document
from .model import Annotation, CaseRecord, Claim, Document, Warning
from .pipeline import CaseInputs, DocContext, Stage, pipeline_version, registry
from .runner import ProgressFn
from .stages import CASE_STAGES, DOCUMENT_STAGES
from .store.db import Store


METADATA_FIELDS = ("source", "outlet", "title", "author", "url", "published", "published_at", "published_source",
                   "language", "meta_spans")


def _metadata(doc: Document) -> dict[str, Any]:
    """What, besides the text, makes a document the same: compared on every ``analyze``."""
    return doc.model_dump(mode="json", include=set(METADATA_FIELDS))


@dataclass
class AnalyzeResult:
    """What one ``analyze`` call did."""

    added: list[str] = field(default_factory=list)
    reanalysed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # same text, changed metadata (sidecar, title, date)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, existing doc id)
    errors: list[IngestError] = field(default_factory=list)
    warnings: list[IngestWarning] = field(default_factory=list)  # e.g. a sidecar that matches no input

    @property
    def ok(self) -> bool:
        return not self.errors


class Case:
    """A case: documents, their annotations, cross-source records and analyst state.

    >>> case = Case("mycase/")                       # doctest: +SKIP
    >>> case.analyze(["articles/"])                  # doctest: +SKIP
    >>> [c.text for c in case.claims(kind="quantity")]  # doctest: +SKIP
    """

    def __init__(self, location: str | Path, *, user: str = "analyst"):
        self.location = str(location)
        self.store = Store.open(location)
        self.user = user

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Case":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ pipeline

    @staticmethod
    def document_stages(names: Iterable[str] = DOCUMENT_STAGES) -> list[Stage]:
        """The document stages, checked for order (a missing stage raises ``PipelineError``)."""
        return registry.check(names)

    @staticmethod
    def case_stages(names: Iterable[str] = CASE_STAGES) -> list[Stage]:
        stages = registry.check([*DOCUMENT_STAGES, *names])
        return stages[len(DOCUMENT_STAGES):]

    def pipeline_version(self) -> str:
        from .document.nlp import model_version

        return pipeline_version(self.document_stages(), model_version())

    def ingest(self, inputs: Iterable[str], *, allow_private: bool = False, max_bytes: int = MAX_BYTES,
               stdin: Any = None, result: AnalyzeResult | None = None) -> AnalyzeResult:
        """Store new documents (deduplicated by content hash) without analysing them."""
        result = result or AnalyzeResult()
        taken = self.store.document_ids()
        seen: dict[str, str] = {}
        for item in iter_inputs(inputs, allow_private=allow_private, max_bytes=max_bytes, stdin=stdin):
            if isinstance(item, IngestWarning):
                result.warnings.append(item)
                continue
            if isinstance(item, IngestError):
                result.errors.append(item)
                continue
            try:
                self._ingest_one(item, taken, seen, result)
            except ValueError as exc:  # pydantic's ValidationError: metadata the model refuses
                result.errors.append(IngestError(item.source, f"invalid metadata ({_first_line(exc)})"))
        return result

    def _ingest_one(self, article: RawArticle, taken: set[str], seen: dict[str, str], result: AnalyzeResult) -> None:
        digest = sha256(article.text)
        if digest in seen:
            result.duplicates.append((article.source, seen[digest]))
            return
        existing = self.store.document_by_sha(digest)
        if existing:
            old = existing[0]
            seen[digest] = old.id
            new = to_document(article, set()).model_copy(update={"id": old.id, "ingested_at": old.ingested_at})
            if new.source == old.source and _metadata(new) != _metadata(old):
                # Metadata is part of the document: a changed sidecar or date re-runs what depends on it.
                # (The same text under another name stays a duplicate: its metadata does not replace ours.)
                self.store.update_document(new)
                result.updated.append(old.id)
            else:
                result.unchanged.append(old.id)
            return
        doc = to_document(article, taken)
        self.store.add_document(doc)
        seen[digest] = doc.id
        result.added.append(doc.id)

    def analyze(self, inputs: Iterable[str] = (), *, n_process: int = 1, batch_size: int = 16,
                allow_private: bool = False, max_bytes: int = MAX_BYTES, stdin: Any = None,
                progress: ProgressFn | None = None, run_case_stages: bool = True, executor: str = "processes",
                scheduler: str | None = None) -> AnalyzeResult:
        """Ingest ``inputs`` and analyse every document that is new, unfinished or stale.

        Each document is saved in its own transaction: an interrupted run loses at most
        the document in flight, and the next call continues from there. ``executor="dask"`` runs
        ingest and the document stages on a Dask cluster (the one at ``scheduler``, else a local one
        of ``n_process`` workers) and writes here, in the same order (:mod:`counterclaim.cluster`).
        """
        if executor not in ("processes", "dask"):
            raise ValueError(f"unknown executor {executor!r}: use 'processes' or 'dask'")
        with self.store.exclusive("analysis"):  # a second analysis of this case gets CaseBusyError
            if executor == "dask":
                from . import cluster

                result = AnalyzeResult()
                cluster.analyze(self, inputs, result, _analyse_batch, scheduler=scheduler, n_workers=n_process,
                                batch_size=batch_size, allow_private=allow_private, max_bytes=max_bytes, stdin=stdin,
                                progress=progress)
                if run_case_stages:
                    self.refresh(progress=progress)
                return result
            result = self.ingest(inputs, allow_private=allow_private, max_bytes=max_bytes, stdin=stdin)
            version = self.pipeline_version()
            status = self.store.document_status()
            pending = []
            for d in self.store.documents():
                if status[d.id] == ("analysed", version):
                    continue
                if len(d.text) > MAX_CHARS:  # stored by an older counterclaim; the parser cannot take it
                    result.errors.append(IngestError(d.id, f"text too long to analyse ({len(d.text):,} characters; "
                                                           f"limit {MAX_CHARS:,}): left unanalysed"))
                    continue
                pending.append(d)
            stale = {d for d, (s, v) in status.items() if s == "analysed" and v != version}
            result.reanalysed = [d.id for d in pending if d.id in stale]
            result.unchanged = [d for d in result.unchanged if d not in stale]
            result.updated = [d for d in result.updated if d not in stale]
            self.analyse_documents(pending, version, n_process=n_process, batch_size=batch_size, progress=progress,
                                   errors=result.errors)
            if run_case_stages:
                self.refresh(progress=progress)
        return result

    def analyse_documents(self, docs: list[Document], version: str, *, n_process: int = 1, batch_size: int = 16,
                          progress: ProgressFn | None = None, errors: list[IngestError] | None = None) -> None:
        """Parse and run every document stage, saving each document in its own transaction.

        With ``n_process`` > 1, batches of whole documents (parse and stages both, so every core does
        the full job) go to worker processes and this process alone writes, in input order; an
        interruption then loses the batches in flight, not only one document."""
        if n_process > 1 and len(docs) > batch_size:
            batches = [docs[i:i + batch_size] for i in range(0, len(docs), batch_size)]
            # fork shares the loaded models; elsewhere (macOS, Windows) fork is unsafe or missing
            context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
            pool = ProcessPoolExecutor(max_workers=n_process, mp_context=context, initializer=_worker_start,
                                       initargs=(os.getpid(),))
            finished = False
            try:
                analysed = pool.map(_analyse_batch, batches, repeat(version))
                self._save_analyses(chain.from_iterable(analysed), version, len(docs), progress, errors)
                finished = True
            finally:  # on an error or Ctrl-C, stop the workers now rather than finish their batches
                if not finished:
                    _stop_workers(pool)
                pool.shutdown(wait=finished, cancel_futures=True)
        else:
            self._save_analyses(_analyse(docs, self.document_stages(), batch_size), version, len(docs), progress,
                                errors)

    def _save_analyses(self, analysed: Iterable[tuple[str, list[Annotation] | None, Any]], version: str,
                       total: int, progress: ProgressFn | None, errors: list[IngestError] | None = None) -> None:
        for n, (doc_id, items, parse) in enumerate(analysed, 1):
            if items is None:  # a stage failed on this document: it stays unanalysed, the others go on
                if errors is None:
                    raise RuntimeError(f"{doc_id}: analysis failed ({parse})")
                errors.append(IngestError(doc_id, f"analysis failed ({parse}); the document stays unanalysed"))
            else:
                self.store.save_analysis(doc_id, version, items, parse)
            if progress:
                progress("documents", n, total)

    def run_case_stages(self, progress: ProgressFn | None = None) -> None:
        """Recompute every cross-document layer (alignment, hypotheses, ACH suggestions), stale or not."""
        runner.refresh(self.store, self.case_stages(), force=True, progress=progress)

    def refresh(self, progress: ProgressFn | None = None) -> list[str]:
        """Recompute the cross-document layers whose inputs changed (an analyst edit, new documents);
        returns the names of the stages that ran. Every analyst write through this API calls it."""
        return runner.refresh(self.store, self.case_stages(), progress=progress)

    def stage_inputs(self, name: str) -> CaseInputs:
        """What the case stage ``name`` reads, as it would read it now."""
        stages = self.case_stages()
        return runner.load_inputs(self.store, registry.get(name), [layer for s in stages for layer in s.adds])

    # ------------------------------------------------------------------ reading

    def documents(self) -> list[Document]:
        return self.store.documents()

    def document(self, doc_id: str) -> Document:
        return self.store.document(doc_id)

    def parse(self, doc_id: str) -> Any:
        """The stored spaCy parse of a document (tokens, tags, dependencies, entities), without re-parsing."""
        from .document.nlp import doc_from_bytes

        stored = self.store.parse_bytes(doc_id)
        if stored is None:
            raise KeyError(f"{doc_id} has no stored parse (not analysed yet)")
        return doc_from_bytes(stored[1])

    def annotations(self, layer: str, doc_id: str | None = None, *, corrected: bool = True) -> list[Annotation]:
        """One layer of annotations; with ``corrected`` the analyst's corrections are applied."""
        return runner.annotations(self.store, layer, doc_id) if corrected else self.store.annotations(layer, doc_id)

    def claims(self, doc_id: str | None = None, kind: str | None = None) -> list[Claim]:
        claims = [c for c in self.annotations("claim", doc_id) if isinstance(c, Claim)]
        return [c for c in claims if kind is None or c.kind == kind]

    def warnings(self, doc_id: str | None = None) -> list[Warning]:
        """Every warning: per-document ones and those found across documents."""
        from .across.consistency import CrossDocumentWarning

        cross = [r.warning for r in self.records(CrossDocumentWarning.layer) if isinstance(r, CrossDocumentWarning)]
        local = [w for w in self.annotations("warning", doc_id) if isinstance(w, Warning)]
        return local + [w for w in cross if doc_id is None or w.doc_id == doc_id]

    def records(self, layer: str) -> list[CaseRecord]:
        return self.store.records(layer)

    def annotation(self, annotation_id: str) -> Annotation:
        """One annotation with the analyst's correction applied (KeyError if deleted or unknown)."""
        item = runner.corrected(self.annotation_original(annotation_id), self.store.analyst_item("correction", annotation_id))
        if item is None:
            raise KeyError(annotation_id)
        return item

    # ------------------------------------------------------------------ corrections

    def correct(self, annotation_id: str, *, delete: bool = False, note: str | None = None,
                expected_rev: int | None = None, **fields: Any) -> int:
        """Record an analyst correction of an extraction; the source text is untouched."""
        original = self.annotation_original(annotation_id)
        for name, value in fields.items():  # NaN and infinities break every figure, the report and the export
            if isinstance(value, float) and not math.isfinite(value):
                raise ValueError(f"{name}: {value!r} is not a finite number")
        current = self.store.analyst_item("correction", annotation_id)
        data: dict[str, Any] = {"deleted": True} if delete else {"set": (current[0].get("set", {}) if current else {}) | fields}
        if not delete:
            type(original).model_validate(original.model_dump() | data["set"])  # refuse invalid values
        rev = self.store.put_analyst("correction", annotation_id, data, user=self.user, note=note,
                                     action="delete" if delete else "correct", expected_rev=expected_rev)
        self.refresh()
        return rev

    def annotation_original(self, annotation_id: str) -> Annotation:
        doc_id = annotation_id.split("/", 1)[0]
        for item in self.store.annotations(None, doc_id):
            if item.id == annotation_id:
                return item
        raise KeyError(annotation_id)

    def undo(self, edit_id: int) -> None:
        self.store.undo(edit_id, user=self.user)
        self.refresh()

    # ------------------------------------------------------------------ stage APIs
    # Each capability exposes its Python API as an object over this case; the CLI
    # commands are thin wrappers over the same objects.

    @property
    def alignment(self) -> Any:
        """Clusters, relations, stance matrix, figures, aliases, origin groups."""
        from .across.alignment import Alignment

        return Alignment(self)

    @property
    def hypotheses(self) -> Any:
        """Discovered and analyst-edited hypotheses with each document's stance."""
        from .attribution.api import Hypotheses

        return Hypotheses(self)

    @property
    def ach(self) -> Any:
        """The ACH matrix, ratings, Admiralty weights, scores and sensitivity."""
        from .ach.api import Ach

        return Ach(self)

    # ------------------------------------------------------------------ export

    def export(self) -> dict[str, Any]:
        """The whole case as JSON-ready data following ``case.schema.json``."""
        from .export import export_case

        return export_case(self)


def _analyse(docs: list[Document], stages: list[Stage],
             batch_size: int = 16) -> Iterator[tuple[str, list[Annotation], tuple[str, bytes]]]:
    """Parse documents and run the stages: (id, annotations, stored parse) for each, in order,
    one at a time (so a crash loses only the document in flight)."""
    from .document.nlp import model_version, parse_bytes, parse_many

    version = model_version()
    for document, doc in zip(docs, parse_many((d.text for d in docs), batch_size=batch_size)):
        ctx = DocContext(document=document, doc=doc)
        try:
            for stage in stages:
                ctx.add(stage.fn(ctx))
            parse = (version, parse_bytes(doc))
        except Exception as exc:  # noqa: BLE001 - one document's failure must not stop the others
            yield document.id, None, f"{type(exc).__name__}: {_first_line(exc)}"
            continue
        yield document.id, ctx.all(), parse


def _analyse_batch(docs: list[Document], version: str) -> list[tuple[str, list[Annotation], tuple[str, bytes]]]:
    """:func:`_analyse` as one worker process's task, refused if the worker's stages are not the parent's
    (a stage registered at run time exists in a forked worker, not in a spawned one)."""
    from .document.nlp import model_version

    stages = Case.document_stages()
    if pipeline_version(stages, model_version()) != version:
        raise RuntimeError("a worker process has other document stages than this one: register custom stages "
                           "in an imported module, or analyse with --n-process 1")
    return list(_analyse(docs, stages, len(docs)))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


def _worker_start(parent: int) -> None:
    """In each ``--n-process`` worker: leave Ctrl-C to the parent (which stops the workers), and die with
    the parent however it ends (Linux: the kernel's parent-death signal; elsewhere a watching thread)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "linux":
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate a pool's worker processes (interrupted run: their batches are dropped, not finished)."""
    from concurrent.futures import InvalidStateError

    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    previous = threading.excepthook

    def quiet(args: Any) -> None:
        # Python < 3.12: the pool's manager thread fails to mark an already-cancelled future broken
        if not (args.thread is manager and issubclass(args.exc_type, InvalidStateError)):
            previous(args)

    threading.excepthook = quiet
    try:
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        if manager is not None:
            manager.join(timeout=5)
    finally:
        threading.excepthook = previous
