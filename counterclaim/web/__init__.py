"""The local web workbench (FastAPI, server-rendered)."""

from .app import create_app

__all__ = ["create_app"]
