"""Opening a case store: which locations are cases, errors in one line, SQLite transactions, the analysis lock."""

from __future__ import annotations

import sqlite3
import time

import errno
import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine, make_url

DB_FILENAME = "case.db"


class StoreError(Exception):
    pass


class ConflictError(StoreError):
    """Optimistic concurrency: someone else saved this item since you loaded it."""


class CaseBusyError(StoreError):
    """Another process is analysing this case."""


SCHEMES = ("sqlite", "postgresql")


def shown_url(url: str) -> str:
    """A database URL as it may be printed: without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as given
        return url


def database_url(case: str | Path) -> str:
    """Turn a case folder (or an explicit SQLAlchemy URL) into a database URL; refuses what is neither."""
    text_ = str(case)
    if not text_.strip():
        raise StoreError("no case given (--case is empty): name a case folder or a database URL")
    if "\x00" in text_:
        raise StoreError(f"{text_!r}: not a case folder name")
    if "://" in text_:
        scheme = text_.split("://", 1)[0].split("+", 1)[0].lower()
        if scheme not in SCHEMES:
            raise StoreError(f"{shown_url(text_)}: unknown database URL scheme {scheme!r}; "
                             "give a case folder, sqlite:///... or postgresql://...")
        return text_
    folder = Path(case)
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder}: is a file, not a case folder (give the folder that holds {DB_FILENAME})")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{folder}: cannot create the case folder ({exc.strerror or exc})") from None
    database = folder / DB_FILENAME
    if database.exists() and not database.is_file():
        raise StoreError(f"{database}: is not a file")
    return f"sqlite:///{database.resolve()}"


def sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the web app read while an analysis writes; NORMAL sync is durable across app crashes.
    # Switching a new database to WAL needs an exclusive lock and SQLite may answer "locked" at once instead of
    # waiting (several processes creating one case), so it is retried for up to ~10 s.
    for attempt in range(100):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == 99:
                raise
            time.sleep(0.1)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    # Transactions are begun by _sqlite_begin (below), not by the driver.
    dbapi_connection.isolation_level = None


def sqlite_begin(conn: Connection) -> None:
    """Write transactions take SQLite's write lock when they begin (BEGIN IMMEDIATE), so a read-check-write
    (a save with an expected revision, an undo) sees the latest committed state and writers queue up
    instead of failing with "database is locked" on upgrade."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("cc_write") else "BEGIN")


def describe_db_error(where: str, exc: BaseException) -> str:
    """One line saying why a database cannot be used."""
    message = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    lower = message.lower()
    if "file is not a database" in lower or "malformed" in lower or "not a database" in lower:
        return f"{where}: not a case database (damaged, truncated or another kind of file)"
    if "readonly" in lower or "read-only" in lower:
        return f"{where}: the case is read-only (counterclaim must be able to write to it)"
    if "unable to open" in lower:
        return f"{where}: cannot open the database file"
    if "locked" in lower or "busy" in lower:
        return f"{where}: case is busy (another process holds it); try again"
    return f"{where}: cannot use the database ({message[:200]})"


def engine_options(url: str) -> dict[str, Any]:
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": 30}}  # writers queue for the write lock this long
    if url.startswith("postgresql"):
        return {"connect_args": {"connect_timeout": 10}}
    return {}


def lock_path(url: str) -> Path | None:
    """The file an analysis locks (SQLite: beside the database); None on a server database."""
    if not url.startswith("sqlite"):
        return None
    database = make_url(url).database
    if database and database.startswith("file:"):  # sqlite:///file:/path?mode=ro&uri=true
        database = database[len("file:"):].split("?", 1)[0]
    return Path(database + ".lock") if database and database != ":memory:" else None

@contextmanager
def exclusive(engine: Engine, url: str, what: str = "analysis") -> Iterator[None]:
    """Hold the case for one writer of ``what``; a second one gets :class:`CaseBusyError` at once.

    SQLite: an advisory ``flock`` on ``case.db.lock`` (released by the kernel when the process dies);
    PostgreSQL: a session advisory lock held on a dedicated connection."""
    if url.startswith("sqlite"):
        path = lock_path(url)
        if path is None:
            yield
            return
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            yield
            return
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"{path.parent}: cannot lock the case for {what} ({exc.strerror or exc})") from None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise CaseBusyError(f"case is busy: another {what} of {path.parent} is running; "
                                        "wait for it to finish") from None
                raise
            yield
        finally:
            os.close(fd)
        return
    key = zlib.crc32(f"counterclaim:{what}".encode())
    with engine.connect() as conn:
        got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()
        conn.commit()
        if not got:
            raise CaseBusyError(f"case is busy: another {what} of {shown_url(url)} is running; "
                                "wait for it to finish")
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            conn.commit()
