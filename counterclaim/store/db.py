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
import zlib
from collections.abc import Callable, Iterable, Iterator
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
    inspect,
    select,
    text,
    update,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection, Engine

from ..model import ANNOTATION_TYPES, CASE_RECORD_TYPES, Annotation, CaseRecord, Document, Edit
from . import connect
from .connect import (  # noqa: F401  (re-exported)
    DB_FILENAME,
    CaseBusyError,
    ConflictError,
    StoreError,
    database_url,
    describe_db_error,
    shown_url,
)

SCHEMA_VERSION = 1
# The store's own marker: a database without it (and without the schema_version of a case made before
# the marker existed) is another program's, and is refused rather than written to.
APPLICATION = "counterclaim"
MAX_EDIT_ID = 2**63 - 1

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


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Store:
    """Typed access to a case database."""

    def __init__(self, url: str):
        self.url = url
        where = shown_url(url)
        try:
            self.engine: Engine = create_engine(url, future=True, **connect.engine_options(url))
        except (sa_exc.ArgumentError, sa_exc.NoSuchModuleError, ImportError, ValueError) as exc:
            raise StoreError(f"{where}: unusable database URL ({str(exc).splitlines()[0][:200]})") from None
        self.sqlite = self.engine.dialect.name == "sqlite"
        if self.sqlite:
            event.listen(self.engine, "connect", connect.sqlite_connect)
            event.listen(self.engine, "begin", connect.sqlite_begin)
        try:
            self._migrate()
        except StoreError:
            self.engine.dispose()
            raise
        except (sa_exc.DBAPIError, sa_exc.SQLAlchemyError, OSError) as exc:
            self.engine.dispose()
            raise StoreError(describe_db_error(where, exc)) from None

    @classmethod
    def open(cls, case: str | Path) -> "Store":
        return cls(database_url(case))

    @property
    def lock_path(self) -> Path | None:
        """The file an analysis locks (SQLite: beside the database); None on a server database."""
        return connect.lock_path(self.url)

    def exclusive(self, what: str = "analysis") -> Any:
        """Hold the case for one writer of ``what``; a second one gets :class:`CaseBusyError` at once
        (see :func:`counterclaim.store.connect.exclusive`)."""
        return connect.exclusive(self.engine, self.url, what)

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ schema

    def _migrate(self) -> None:
        """Recognise the database (its marker), refuse a newer schema, create or migrate it.

        One process at a time: SQLite's write lock (BEGIN IMMEDIATE), PostgreSQL's advisory lock, so two
        processes creating one case never race on CREATE TABLE."""
        where = shown_url(self.url)
        with self._write() as conn:
            if not self.sqlite:
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": zlib.crc32(b"counterclaim:schema")})
            tables = set(inspect(conn).get_table_names())
            values: dict[str, str] = {}
            if "meta" in tables:
                try:
                    values = {r[0]: r[1] for r in conn.execute(select(meta.c.key, meta.c.value))}
                except sa_exc.DBAPIError:
                    values = {}
            marked = values.get("application") == APPLICATION or "schema_version" in values
            if tables and not marked:
                shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
                raise StoreError(f"{where}: not a counterclaim case (the database holds other tables: {shown}); "
                                 "use another folder or database")
            try:
                current = int(values.get("schema_version", 0))
            except ValueError:
                raise StoreError(f"{where}: damaged case (schema version {values['schema_version']!r})") from None
            if current > SCHEMA_VERSION:
                raise StoreError(
                    f"{where}: case database schema {current} is newer than this counterclaim ({SCHEMA_VERSION}); "
                    "upgrade counterclaim"
                )
            if current == 0:
                metadata.create_all(conn)
                current = 1
            for version in range(current + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[version](conn)
            if values.get("schema_version") != str(SCHEMA_VERSION):
                self._set_meta(conn, "schema_version", str(SCHEMA_VERSION))
            if values.get("application") != APPLICATION:
                self._set_meta(conn, "application", APPLICATION)
            if "generation" not in values:
                self._set_meta(conn, "generation", "0")

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A write transaction (on SQLite it holds the write lock from its first statement)."""
        with self.engine.connect() as conn:
            conn.execution_options(cc_write=True)
            with conn.begin():
                yield conn

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

    def update_meta(self, key: str, change: Callable[[str | None], tuple[str, Any]]) -> Any:
        """Read-modify-write one meta value in one transaction: ``change(old) -> (new, result)``."""
        with self.transaction() as conn:
            row = conn.execute(select(meta.c.value).where(meta.c.key == key).with_for_update()).first()
            new, result = change(row[0] if row else None)
            self._set_meta(conn, key, new)
            return result

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction; committing it also moves the case's generation (:meth:`generation`)."""
        with self._write() as conn:
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
            unique: dict[str, CaseRecord] = {}
            for r in items:  # one row per id: a stage that repeats an id must not fail the whole run
                unique.setdefault(r.id, r)
            rows = [{"id": r.id, "layer": r.layer, "data": r.model_dump(mode="json")} for r in unique.values()]
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
        overwrite each other. The check is a compare-and-set in the database
        (``UPDATE ... WHERE rev = :seen``, or an INSERT the primary key refuses), so of two
        concurrent saves of one revision exactly one wins, on SQLite and PostgreSQL.
        """
        try:
            with self.transaction() as conn:
                return self._put(conn, kind, key, data, user=user, action=action, note=note,
                                 expected_rev=expected_rev)
        except sa_exc.IntegrityError:
            # two first saves of one new item: the primary key let one in
            raise ConflictError(f"{kind} {key!r} was created by someone else meanwhile; reload and retry") from None

    def _put(self, conn: Connection, kind: str, key: str, data: Any, *, user: str, action: str | None,
             note: str | None, expected_rev: int | None) -> int:
        if expected_rev is not None and not 0 <= expected_rev <= MAX_EDIT_ID:
            raise ConflictError(f"{kind} {key!r}: revision {expected_rev} does not exist; reload and retry")
        row = conn.execute(
            select(analyst.c.data, analyst.c.rev, analyst.c.deleted).where(analyst.c.kind == kind, analyst.c.key == key)
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
            # compare-and-set: a save that committed since our read leaves no row at rev current_rev
            changed = conn.execute(update(analyst).where(analyst.c.kind == kind, analyst.c.key == key,
                                                         analyst.c.rev == current_rev).values(**values)).rowcount
            if changed != 1:
                raise ConflictError(f"{kind} {key!r} was changed by someone else meanwhile; reload and retry")
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
        """Restore the value an edit replaced; the undo is itself audited.

        Refused (:class:`ConflictError`) when the item no longer holds the value that edit saved: a later
        edit changed it, and undoing would silently revert that one too (undo the later edit first)."""
        if not isinstance(edit_id, int) or not 0 < edit_id <= MAX_EDIT_ID:
            raise StoreError(f"no edit {edit_id}")
        try:
            with self.transaction() as conn:
                row = conn.execute(select(edits).where(edits.c.id == edit_id)).first()
                if not row:
                    raise StoreError(f"no edit {edit_id}")
                if row.undone:
                    raise StoreError(f"edit {edit_id} was already undone")
                item = conn.execute(select(analyst.c.data, analyst.c.rev, analyst.c.deleted).where(
                    analyst.c.kind == row.kind, analyst.c.key == row.key)).first()
                current = None if (item is None or item[2]) else item[0]
                if current != row.new:
                    later = conn.execute(select(edits.c.id, edits.c.user).where(
                        edits.c.kind == row.kind, edits.c.key == row.key, edits.c.id > edit_id)
                        .order_by(edits.c.id.desc()).limit(1)).first()
                    by = f" (edit {later[0]} by {later[1]})" if later else ""
                    raise ConflictError(f"edit {edit_id} cannot be undone: {row.kind} {row.key!r} was changed "
                                        f"after it{by}; undo that edit first")
                self._put(conn, row.kind, row.key, row.old, user=user, action="undo", note=f"undo of edit {edit_id}",
                          expected_rev=item[1] if item else 0)
                marked = conn.execute(update(edits).where(edits.c.id == edit_id, edits.c.undone.is_(False))
                                      .values(undone=True)).rowcount
                if marked != 1:
                    raise ConflictError(f"edit {edit_id} was undone by someone else meanwhile")
        except sa_exc.IntegrityError:
            raise ConflictError(f"edit {edit_id}: the item was changed by someone else meanwhile; reload and retry") from None
        return self.edits(row.kind, row.key)[-1]


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
