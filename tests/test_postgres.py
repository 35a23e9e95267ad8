"""The same store on PostgreSQL: the team deployment is a URL away.

Uses $COUNTERCLAIM_PG_URL when set; otherwise starts a throwaway server from
Debian's postgresql binaries on a private Unix socket (no TCP). Skips when
neither is available.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile

import pytest

from counterclaim import Case
from counterclaim.store.db import ConflictError

from .conftest import ICWP


def _server_binaries() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return os.path.dirname(found[-1]) if found else None


@pytest.fixture(scope="module")
def pg_url():
    if os.environ.get("COUNTERCLAIM_PG_URL"):
        yield os.environ["COUNTERCLAIM_PG_URL"]
        return
    bindir = _server_binaries()
    if bindir is None or shutil.which("runuser") is None or os.geteuid() != 0:
        pytest.skip("no PostgreSQL: set COUNTERCLAIM_PG_URL or install Debian's postgresql (as root)")
    pytest.importorskip("psycopg")
    root = tempfile.mkdtemp(prefix="cc-pg-")
    data, sock = os.path.join(root, "data"), os.path.join(root, "sock")
    os.mkdir(sock)
    shutil.chown(root, "postgres")
    shutil.chown(sock, "postgres")

    def as_postgres(*cmd: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *cmd], check=True, capture_output=True, timeout=60)

    as_postgres(f"{bindir}/initdb", "-D", data, "-A", "trust", "-U", "postgres")
    as_postgres(f"{bindir}/pg_ctl", "-D", data, "-w", "-l", os.path.join(root, "log"), "-o",
                f"-k {sock} -c listen_addresses='' -p 54329", "start")
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={sock}&port=54329"
    finally:
        as_postgres(f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


def test_case_on_postgres(pg_url):
    case = Case(pg_url)
    result = case.analyze([str(ICWP)], run_case_stages=False)
    assert result.added == ["icwp-2024-03-27"]
    again = Case(pg_url).analyze([str(ICWP)], run_case_stages=False)
    assert again.unchanged == ["icwp-2024-03-27"]
    doc = case.document("icwp-2024-03-27")
    sentences = case.annotations("sentence", doc.id)
    assert doc.text[sentences[0].start:sentences[0].end] == "US-Russia War Heats Up"
    generation = case.store.generation()
    assert generation > 0  # moved by every committed write, on PostgreSQL too
    case.store.put_analyst("source", "ICWP", {"reliability": "E"}, user="ana", expected_rev=0)
    assert Case(pg_url).store.generation() == generation + 1
    with pytest.raises(ConflictError):
        case.store.put_analyst("source", "ICWP", {"reliability": "C"}, user="bo", expected_rev=0)
    assert Case(pg_url).store.analyst_item("source", "ICWP") == ({"reliability": "E"}, 1)
