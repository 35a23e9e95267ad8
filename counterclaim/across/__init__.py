"""Across documents: align claims, type their relations, group sources by origin, cross-document consistency.

See ``docs/alignment.md``.
"""
