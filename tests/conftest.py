"""Shared fixtures: the bundled corpus analysed once per test session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "crocus-seeds"
OAKKE = CORPUS / "oakke-2024.txt"
ICWP = CORPUS / "icwp-2024-03-27.txt"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def shared_data_dir() -> Path | None:
    """../shared/data (or $COUNTERCLAIM_DATA) when present; tests needing it skip otherwise."""
    path = Path(os.environ.get("COUNTERCLAIM_DATA", ROOT.parent / "shared" / "data"))
    return path if path.is_dir() else None


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = shared_data_dir()
    if path is None:
        pytest.skip("public datasets (../shared/data) not present")
    return path


@pytest.fixture(scope="session")
def crocus_case(tmp_path_factory):
    """The two bundled articles, analysed once. Treat as read-only; copy it to modify."""
    from counterclaim import Case

    folder = tmp_path_factory.mktemp("crocus")
    case = Case(folder)
    result = case.analyze([str(CORPUS)])
    assert result.ok, result.errors
    yield case
    case.close()


@pytest.fixture
def crocus_copy(crocus_case, tmp_path):
    """A writable copy of the analysed bundled case."""
    from counterclaim import Case
    from counterclaim.store.db import DB_FILENAME

    crocus_case.store.engine.dispose()
    shutil.copy(Path(crocus_case.location) / DB_FILENAME, tmp_path / DB_FILENAME)
    case = Case(tmp_path)
    yield case
    case.close()


def doc_text(case, doc_id: str) -> str:
    return case.document(doc_id).text
