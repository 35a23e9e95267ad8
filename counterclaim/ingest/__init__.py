"""Reading articles (files, folders, globs, URLs, stdin) into immutable documents."""

from .articles import MAX_BYTES, IngestError, RawArticle, iter_inputs, sha256, to_document

__all__ = ["MAX_BYTES", "IngestError", "RawArticle", "iter_inputs", "sha256", "to_document"]
