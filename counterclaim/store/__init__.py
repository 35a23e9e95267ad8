"""Where a case lives: SQLite per case folder, PostgreSQL by URL; analyst state and the audit log."""

from .db import DB_FILENAME, SCHEMA_VERSION, CaseBusyError, ConflictError, Store, StoreError

__all__ = ["DB_FILENAME", "SCHEMA_VERSION", "CaseBusyError", "ConflictError", "Store", "StoreError"]
