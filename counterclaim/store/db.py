"""Case store: one SQLite database per case by default, PostgreSQL by URL.

Three kinds of data live here and are kept apart on purpose:

* documents and their annotations, written by the pipeline (one transaction
  per document, so an interrupted run never leaves half a document behind);
* case-level derived records (alignment, hypotheses, ACH suggestions), replaced
  layer by layer whenever the case is re-analysed;
* analyst state (ratings, corrections, hypotheses edits, aliases), which the
  pipeline never overwrites, each change audited in ``edits`` with old and new
  values so it can be undone, and versioned (``rev``) for optimistic concurrency.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    cast,
    create_engine,
    delete,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine

from ..model import ANNOTATION_TYPES, CASE_RECORD_TYPES, Annotation, CaseRecord, Document, Edit

SCHEMA_VERSION = 1
DB_FILENAME = "case.db"

metadata = MetaData()

meta = Table("meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text))

documents = Table(
    "documents",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("data", JSON, nullable=False),
    Column("pipeline_version", String(64), nullable=True),
    Column("status", String(16), nullable=False, default="ingested"),
    Column("seq", Integer, nullable=False),
)

annotations = Table(
    "annotations",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("doc_id", String(128), nullable=False, index=True),
    Column("layer", String(32), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("data", JSON, nullable=False),
)

parses = Table(
    "parses",
    metadata,
    Column("doc_id", String(128), primary_key=True),
    Column("version", String(64), nullable=False),
    Column("data", LargeBinary, nullable=False),
)

records = Table(
    "records",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("layer", String(32), nullable=False, index=True),
    Column("data", JSON, nullable=False),
)

analyst = Table(
    "analyst",
    metadata,
    Column("kind", String(32), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("data", JSON, nullable=False),
    Column("rev", Integer, nullable=False, default=1),
    Column("updated_at", DateTime, nullable=False),
    Column("updated_by", String(64), nullable=False),
    Column("deleted", Boolean, nullable=False, default=False),
)

edits = Table(
    "edits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ts", DateTime, nullable=False),
    Column("user", String(64), nullable=False),
    Column("action", String(64), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("key", String(200), nullable=False),
    Column("old", JSON),
    Column("new", JSON),
    Column("note", Text),
    Column("undone", Boolean, nullable=False, default=False),
)


# Each migration takes a connection at version N-1 and leaves it at N. Version 1
# is the initial schema created from ``metadata``; later ones append here.
MIGRATIONS: dict[int, Any] = {}


class StoreError(Exception):
    pass


class ConflictError(StoreError):
    """Optimistic concurrency: someone else saved this item since you loaded it."""


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def database_url(case: str | Path) -> str:
    """Turn a case folder (or an explicit SQLAlchemy URL) into a database URL."""
    text = str(case)
    if "://" in text:
        return text
    folder = Path(case)
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(folder / DB_FILENAME).resolve()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the web app read while an analysis writes; NORMAL sync is durable across app crashes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Store:
    """Typed access to a case database."""

    def __init__(self, url: str):
        self.url = url
        self.engine: Engine = create_engine(url, future=True)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._migrate()

    @classmethod
    def open(cls, case: str | Path) -> "Store":
        return cls(database_url(case))

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ schema

    def _migrate(self) -> None:
        with self.engine.begin() as conn:
            metadata.create_all(conn, tables=[meta])
            row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
            current = int(row[0]) if row else 0
            if current > SCHEMA_VERSION:
                raise StoreError(
                    f"case database schema {current} is newer than this counterclaim ({SCHEMA_VERSION}); upgrade counterclaim"
                )
            if current == 0:
                metadata.create_all(conn)
                current = 1
            for version in range(current + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[version](conn)
            self._set_meta(conn, "schema_version", str(SCHEMA_VERSION))
            if not conn.execute(select(meta.c.key).where(meta.c.key == "generation")).first():
                self._set_meta(conn, "generation", "0")

    @staticmethod
    def _set_meta(conn: Connection, key: str, value: str) -> None:
        if conn.execute(select(meta.c.key).where(meta.c.key == key)).first():
            conn.execute(update(meta).where(meta.c.key == key).values(value=value))
        else:
            conn.execute(insert(meta).values(key=key, value=value))

    def get_meta(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(meta.c.value).where(meta.c.key == key)).first()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            self._set_meta(conn, key, value)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction; committing it also moves the case's generation (:meth:`generation`)."""
        with self.engine.begin() as conn:
            yield conn
            conn.execute(update(meta).where(meta.c.key == "generation")
                         .values(value=cast(cast(meta.c.value, Integer) + 1, Text)))

    def generation(self) -> int:
        """A number that changes with every committed write, from any process: what a cache keys on."""
        return int(self.get_meta("generation") or 0)

    # ------------------------------------------------------------------ documents

    def document_by_sha(self, sha256: str) -> tuple[Document, str | None, str] | None:
        """(document, pipeline_version, status) for a content hash, if stored."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(documents.c.data, documents.c.pipeline_version, documents.c.status).where(
                    documents.c.sha256 == sha256
                )
            ).first()
        if not row:
            return None
        return Document.model_validate(row[0]), row[1], row[2]

    def document_ids(self) -> set[str]:
        with self.engine.connect() as conn:
            return {r[0] for r in conn.execute(select(documents.c.id))}

    def add_document(self, doc: Document) -> None:
        with self.transaction() as conn:
            seq = conn.execute(select(documents.c.seq).order_by(documents.c.seq.desc()).limit(1)).scalar() or 0
            conn.execute(
                insert(documents).values(
                    id=doc.id, sha256=doc.sha256, data=doc.model_dump(mode="json"), status="ingested", seq=seq + 1
                )
            )

    def update_document(self, doc: Document) -> None:
        """Replace a stored document's metadata (same id, same text) and mark it for re-analysis."""
        with self.transaction() as conn:
            conn.execute(update(documents).where(documents.c.id == doc.id)
                         .values(data=doc.model_dump(mode="json"), status="ingested"))

    def document_digests(self) -> dict[str, str]:
        """Document id -> a digest of everything stored about it (text hash and metadata)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(documents.c.id, documents.c.data))
            return {r[0]: hashlib.sha256(json.dumps({k: v for k, v in r[1].items() if k != "ingested_at"},
                                                    sort_keys=True, default=str).encode()).hexdigest()[:16]
                    for r in rows}

    def documents(self, status: str | None = None) -> list[Document]:
        query = select(documents.c.data).order_by(documents.c.seq)
        if status:
            query = query.where(documents.c.status == status)
        with self.engine.connect() as conn:
            return [Document.model_validate(r[0]) for r in conn.execute(query)]

    def document(self, doc_id: str) -> Document:
        with self.engine.connect() as conn:
            row = conn.execute(select(documents.c.data).where(documents.c.id == doc_id)).first()
        if not row:
            raise KeyError(doc_id)
        return Document.model_validate(row[0])

    def document_status(self) -> dict[str, tuple[str, str | None]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(documents.c.id, documents.c.status, documents.c.pipeline_version))
            return {r[0]: (r[1], r[2]) for r in rows}

    def save_analysis(
        self, doc_id: str, pipeline_version: str, items: Iterable[Annotation], parse: tuple[str, bytes] | None
    ) -> None:
        """Replace a document's annotations atomically and mark it analysed."""
        with self.transaction() as conn:
            conn.execute(delete(annotations).where(annotations.c.doc_id == doc_id))
            rows = [
                {
                    "id": a.id,
                    "doc_id": a.doc_id,
                    "layer": a.layer,
                    "start": a.start,
                    "end": a.end,
                    "data": a.model_dump(mode="json"),
                }
                for a in items
            ]
            if rows:
                conn.execute(insert(annotations), rows)
            conn.execute(delete(parses).where(parses.c.doc_id == doc_id))
            if parse:
                conn.execute(insert(parses).values(doc_id=doc_id, version=parse[0], data=parse[1]))
            conn.execute(
                update(documents)
                .where(documents.c.id == doc_id)
                .values(status="analysed", pipeline_version=pipeline_version)
            )

    def parse_bytes(self, doc_id: str) -> tuple[str, bytes] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(parses.c.version, parses.c.data).where(parses.c.doc_id == doc_id)).first()
        return (row[0], row[1]) if row else None

    def annotations(self, layer: str | None = None, doc_id: str | None = None) -> list[Annotation]:
        """Stored annotations as typed records, in document then offset order."""
        query = select(annotations.c.layer, annotations.c.data)
        if layer:
            query = query.where(annotations.c.layer == layer)
        if doc_id:
            query = query.where(annotations.c.doc_id == doc_id)
        query = query.order_by(annotations.c.doc_id, annotations.c.start, annotations.c.end, annotations.c.id)
        with self.engine.connect() as conn:
            return [ANNOTATION_TYPES[r[0]].model_validate(r[1]) for r in conn.execute(query) if r[0] in ANNOTATION_TYPES]

    # ------------------------------------------------------------------ case-level records

    def replace_records(self, layers: Iterable[str], items: Iterable[CaseRecord]) -> None:
        """Atomically replace every record of the given layers."""
        layers = list(layers)
        with self.transaction() as conn:
            conn.execute(delete(records).where(records.c.layer.in_(layers)))
            rows = [{"id": r.id, "layer": r.layer, "data": r.model_dump(mode="json")} for r in items]
            if rows:
                conn.execute(insert(records), rows)

    def records(self, layer: str) -> list[CaseRecord]:
        cls = CASE_RECORD_TYPES[layer]
        with self.engine.connect() as conn:
            rows = conn.execute(select(records.c.data).where(records.c.layer == layer).order_by(records.c.id))
            return [cls.model_validate(r[0]) for r in rows]

    # ------------------------------------------------------------------ analyst state

    def analyst_items(self, kind: str, include_deleted: bool = False) -> dict[str, tuple[Any, int]]:
        """key -> (data, rev) for one kind of analyst state."""
        query = select(analyst.c.key, analyst.c.data, analyst.c.rev).where(analyst.c.kind == kind)
        if not include_deleted:
            query = query.where(analyst.c.deleted.is_(False))
        with self.engine.connect() as conn:
            return {r[0]: (r[1], r[2]) for r in conn.execute(query.order_by(analyst.c.key))}

    def analyst_kinds(self) -> list[str]:
        with self.engine.connect() as conn:
            return sorted(r[0] for r in conn.execute(select(analyst.c.kind).distinct()))

    def analyst_item(self, kind: str, key: str) -> tuple[Any, int] | None:
        return self.analyst_items(kind).get(key)

    def put_analyst(
        self,
        kind: str,
        key: str,
        data: Any,
        *,
        user: str,
        action: str | None = None,
        note: str | None = None,
        expected_rev: int | None = None,
    ) -> int:
        """Create or replace one analyst item (``data=None`` deletes it); returns the new rev.

        ``expected_rev`` is the revision the caller last saw (0 for "did not exist");
        a mismatch raises :class:`ConflictError` so concurrent edits never silently
        overwrite each other.
        """
        with self.transaction() as conn:
            row = conn.execute(
                select(analyst.c.data, analyst.c.rev, analyst.c.deleted).where(
                    analyst.c.kind == kind, analyst.c.key == key
                )
            ).first()
            current_rev = row[1] if row else 0
            old = None if (row is None or row[2]) else row[0]
            if expected_rev is not None and expected_rev != current_rev:
                raise ConflictError(
                    f"{kind} {key!r} was changed by someone else (revision {current_rev}, you had {expected_rev}); reload and retry"
                )
            new_rev = current_rev + 1
            values = dict(data=data if data is not None else (old or {}), rev=new_rev, updated_at=_now(),
                          updated_by=user, deleted=data is None)
            if row:
                conn.execute(update(analyst).where(analyst.c.kind == kind, analyst.c.key == key).values(**values))
            else:
                conn.execute(insert(analyst).values(kind=kind, key=key, **values))
            conn.execute(
                insert(edits).values(
                    ts=_now(), user=user, action=action or ("delete" if data is None else "set"), kind=kind,
                    key=key, old=old, new=data, note=note, undone=False,
                )
            )
            return new_rev

    def edits(self, kind: str | None = None, key: str | None = None) -> list[Edit]:
        query = select(edits).order_by(edits.c.id)
        if kind:
            query = query.where(edits.c.kind == kind)
        if key:
            query = query.where(edits.c.key == key)
        with self.engine.connect() as conn:
            return [
                Edit(id=r.id, ts=r.ts, user=r.user, action=r.action, target=f"{r.kind}:{r.key}", old=r.old,
                     new=r.new, note=r.note, undone=r.undone)
                for r in conn.execute(query)
            ]

    def undo(self, edit_id: int, *, user: str) -> Edit:
        """Restore the value an edit replaced; the undo is itself audited."""
        with self.engine.connect() as conn:
            row = conn.execute(select(edits).where(edits.c.id == edit_id)).first()
        if not row:
            raise StoreError(f"no edit {edit_id}")
        if row.undone:
            raise StoreError(f"edit {edit_id} was already undone")
        self.put_analyst(row.kind, row.key, row.old, user=user, action="undo", note=f"undo of edit {edit_id}")
        with self.transaction() as conn:
            conn.execute(update(edits).where(edits.c.id == edit_id).values(undone=True))
        return self.edits(row.kind, row.key)[-1]


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
