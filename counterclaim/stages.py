"""Importing this module registers every built-in stage with the pipeline registry."""

from . import nlp  # noqa: F401
