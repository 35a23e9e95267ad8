"""Per-document stages: each sees one document, its spaCy parse and the layers earlier stages added.

``nlp`` (sentences, entities) → ``dates`` → ``quantities`` → ``claims`` (with ``checkworthy``) →
``consistency`` (per-document warnings).
"""
