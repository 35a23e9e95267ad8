"""``analyze --executor dask``: per-document work on a Dask cluster, one writer on this machine.

What runs where:

* **Workers** read and decode the input files (ingest), parse them and run every document stage
  (``counterclaim.case._analyse_batch``, the same function ``--n-process`` runs, handed in by the case). The models
  (spaCy, check-worthiness, techniques) load once per worker process, when the worker joins
  (:class:`ModelPreload`, a worker plugin filling the per-process caches).
* **This process (the driver)** expands folders and globs into file names, fetches URLs and
  stdin, gives documents their ids (deduplicating by content hash, in input order, exactly as a
  one-process run does) and writes every result: one transaction per document, in input order.

Work goes out in batches of ``batch_size`` documents with at most ``window`` batches in flight, so
the driver holds a bounded number of results however large the corpus. Killing the driver loses
only the batches in flight: the next run finds the written documents analysed with the current
pipeline version and sends only the others. A worker that dies mid-batch loses nothing either:
the scheduler re-runs its tasks on another worker (up to ``distributed.scheduler.allowed-failures``
times), and since each batch is one future whose result the driver consumes once, a document
is written exactly once per run.

Workers must see the input paths (a shared filesystem) when the cluster spans machines; the
store is written by the driver only, so workers need no database access.
"""

from __future__ import annotations

import glob
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from uuid import uuid4

from sqlalchemy import select

from .ingest.articles import MAX_BYTES, IngestError, IngestWarning, RawArticle, iter_inputs, read_file
from .ingest.files import walk_folder
from .ingest.checks import SUPPORTED
from .ingest.sidecars import is_sidecar, sidecar_matches
from .model import Document
from .runner import ProgressFn
from .store.db import Store
from .store.db import documents as documents_table

if TYPE_CHECKING:  # pragma: no cover
    from distributed import Client

PLUGIN_NAME = "counterclaim-models"


class Analysable(Protocol):
    """What this module uses of a :class:`counterclaim.case.Case` (which calls it, so it does not import it)."""

    store: Store

    def pipeline_version(self) -> str: ...

    def _ingest_one(self, article: RawArticle, taken: set[str], seen: dict[str, str], result: Any) -> None: ...


BatchFn = Callable[[list[Document], str], list[Any]]


class DaskMissing(RuntimeError):
    """``--executor dask`` without the ``[dask]`` extra installed."""


def available() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def _plugin() -> Any:
    from distributed.diagnostics.plugin import WorkerPlugin

    class ModelPreload(WorkerPlugin):
        """Load the models into the worker process's caches once, when the worker joins."""

        def setup(self, worker: Any) -> None:
            load_models()

    return ModelPreload()


def load_models() -> str:
    """Fill this process's model caches (they are ``lru_cache``\\ d loaders); returns the pipeline version."""
    from .document import checkworthy
    from .document.nlp import model_version
    from .pipeline import pipeline_version, registry
    from .stages import DOCUMENT_STAGES
    from .techniques.model import default_model

    checkworthy.load()
    default_model()
    return pipeline_version(registry.check(DOCUMENT_STAGES), model_version())


def local_options(n_workers: int) -> dict[str, Any]:
    """A LocalCluster on loopback only: single-threaded worker processes (the stages hold the GIL, so
    processes give the parallelism), no dashboard, and the scheduler's HTTP endpoint on a free port."""
    return dict(n_workers=n_workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}, silence_logs=logging.ERROR)


@contextmanager
def connect(scheduler: str | None = None, n_workers: int | None = None) -> Iterator["Client"]:
    """A client of the cluster at ``scheduler``, or of a LocalCluster of ``n_workers`` single-threaded worker
    processes on loopback when none is given; every worker preloads the models."""
    if not available():
        raise DaskMissing("--executor dask needs the dask extra: pip install 'counterclaim[dask]'")
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(**local_options(n_workers or os.cpu_count() or 1))
        client = Client(cluster)
    try:
        client.register_plugin(_plugin(), name=PLUGIN_NAME)
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def ordered(client: "Client", tasks: Iterable[tuple[Callable[..., Any], tuple[Any, ...]] | Callable[[], Any]],
            window: int, run: str) -> Iterator[Any]:
    """Results of ``tasks`` in order; ``(fn, args)`` runs on the cluster, a bare callable here (when its turn
    comes). At most ``window`` cluster tasks are in flight; on an error or interruption those are cancelled."""
    flight: deque[Any] = deque()
    keys = count()
    items = iter(tasks)
    pending_futures = 0

    def fill() -> None:
        nonlocal pending_futures
        while pending_futures < window:
            item = next(items, None)
            if item is None:
                return
            if callable(item):
                flight.append(("here", item))
            else:
                fn, args = item
                flight.append(("there", client.submit(fn, *args, key=f"counterclaim-{run}-{next(keys)}", pure=False)))
                pending_futures += 1

    try:
        fill()
        while flight:
            where, item = flight.popleft()
            if where == "here":
                yield item()
            else:
                pending_futures -= 1
                fill()  # keep the cluster busy while this result comes back and is written
                result = item.result()
                item.release()
                yield result
            fill()
    finally:
        left = [item for where, item in flight if where == "there"]
        if left:
            client.cancel(left)


# --------------------------------------------------------------------------- ingest


def sources(specs: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Inputs as ("file", path) — read on a worker — or ("here", spec) for URLs, stdin and unmatched
    specs, which this process reads. Same expansion and order as :func:`ingest.articles.iter_inputs`."""
    for spec in specs:
        if spec == "-" or spec.startswith(("http://", "https://")):
            yield "here", spec
            continue
        path = Path(spec)
        if path.is_dir():
            # The same walk as iter_inputs; what it refuses (links, special files) and sidecars (reported when
            # they describe no input) are read here again, so the messages are the same as one process's.
            for item in walk_folder(path):
                if isinstance(item, IngestError):
                    yield "here", item.source
                elif not is_sidecar(item):
                    yield "file", str(item)
                elif not sidecar_matches(item, SUPPORTED):
                    yield "here", str(item)
        elif path.exists():
            yield "file", str(path)
        else:
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield "here", spec  # iter_inputs reports it
            yield from (("file", m) for m in matches if Path(m).is_file())


def read_files(paths: list[str], max_bytes: int) -> list[RawArticle | tuple[str, str, bool]]:
    """On a worker: the articles of ``paths``; errors as (source, reason, is_warning), since IngestError does not
    pickle."""
    out: list[RawArticle | tuple[str, str, bool]] = []
    for path in paths:
        for item in read_file(Path(path), max_bytes):
            out.append((item.source, item.reason, isinstance(item, IngestWarning)) if isinstance(item, IngestError)
                       else item)
    return out


def _ingest_tasks(specs: Iterable[str], batch_size: int, max_bytes: int, allow_private: bool,
                  stdin: Any) -> Iterator[Any]:
    batch: list[str] = []
    for kind, value in sources(specs):
        if kind == "file":
            batch.append(value)
            if len(batch) >= batch_size:
                yield read_files, (batch, max_bytes)
                batch = []
            continue
        if batch:
            yield read_files, (batch, max_bytes)
            batch = []
        yield lambda spec=value: list(iter_inputs([spec], allow_private=allow_private, max_bytes=max_bytes,
                                                  stdin=stdin))
    if batch:
        yield read_files, (batch, max_bytes)


def ingest(case: Analysable, client: "Client", specs: Iterable[str], result: Any, *, batch_size: int,
           window: int, allow_private: bool = False, max_bytes: int = MAX_BYTES, stdin: Any = None) -> None:
    """Read the inputs on the workers; store the new documents here, in input order (ids as a one-process run)."""
    taken = case.store.document_ids()
    seen: dict[str, str] = {}
    tasks = _ingest_tasks(specs, batch_size, max_bytes, allow_private, stdin)
    for items in ordered(client, tasks, window, f"ingest-{uuid4().hex[:8]}"):
        for item in items:
            if isinstance(item, tuple):
                source, reason, warning = item
                item = (IngestWarning if warning else IngestError)(source, reason)
            if isinstance(item, IngestWarning):
                result.warnings.append(item)
            elif isinstance(item, IngestError):
                result.errors.append(item)
            else:
                case._ingest_one(item, taken, seen, result)


# --------------------------------------------------------------------------- analysis


def pending_ids(case: Analysable, version: str) -> list[str]:
    """Ids of the documents not analysed with ``version``, in input order (without loading their texts)."""
    t = documents_table
    with case.store.engine.connect() as conn:
        rows = conn.execute(select(t.c.id, t.c.status, t.c.pipeline_version).order_by(t.c.seq))
        return [r[0] for r in rows if (r[1], r[2]) != ("analysed", version)]


def _load(case: Analysable, ids: list[str]) -> list[Document]:
    t = documents_table
    with case.store.engine.connect() as conn:
        rows = dict(conn.execute(select(t.c.id, t.c.data).where(t.c.id.in_(ids))).all())
    return [Document.model_validate(rows[i]) for i in ids]


def analyse(case: Analysable, client: "Client", ids: list[str], version: str, analyse_batch: BatchFn, *,
            batch_size: int, window: int, progress: ProgressFn | None = None) -> int:
    """Analyse documents ``ids`` on the cluster with ``analyse_batch`` (the function ``--n-process`` runs), writing
    each here in its own transaction, in order; returns how many were written."""
    batches = [ids[i:i + batch_size] for i in range(0, len(ids), batch_size)]
    tasks = ((analyse_batch, (_load(case, batch), version)) for batch in batches)  # texts loaded as sent
    written = 0
    for analysed in ordered(client, tasks, window, f"analyse-{uuid4().hex[:8]}"):
        for doc_id, items, parse in analysed:
            case.store.save_analysis(doc_id, version, items, parse)
            written += 1
            if progress:
                progress("documents", written, len(ids))
    return written


def default_window(client: "Client") -> int:
    """Two batches per worker thread: one running, one queued, so no worker waits on the driver."""
    return max(2, 2 * sum(client.nthreads().values()))


def analyze(case: Analysable, inputs: Iterable[str], result: Any, analyse_batch: BatchFn, *,
            scheduler: str | None = None, n_workers: int | None = None, batch_size: int = 16, window: int | None = None,
            allow_private: bool = False, max_bytes: int = MAX_BYTES, stdin: Any = None,
            progress: ProgressFn | None = None) -> None:
    """:meth:`Case.analyze`'s ingest and document analysis on a Dask cluster, filling ``result`` (an
    ``AnalyzeResult``); the case stages are the caller's."""
    with connect(scheduler, n_workers) as client:
        window = window or default_window(client)
        ingest(case, client, inputs, result, batch_size=batch_size, window=window, allow_private=allow_private,
               max_bytes=max_bytes, stdin=stdin)
        version = case.pipeline_version()
        status = case.store.document_status()
        ids = pending_ids(case, version)
        stale = {d for d, (s, v) in status.items() if s == "analysed" and v != version}
        result.reanalysed = [d for d in ids if d in stale]
        result.unchanged = [d for d in result.unchanged if d not in stale]
        analyse(case, client, ids, version, analyse_batch, batch_size=batch_size, window=window, progress=progress)
