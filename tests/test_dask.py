"""analyze --executor dask: same analysis as one process, resumable when killed, nothing lost when a worker dies.

Every test runs on one LocalCluster of two worker processes on loopback, started once for the module
(one test starts its own, as the CLI does without --scheduler). Skipped when the dask extra is absent.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter

import pytest

distributed = pytest.importorskip("distributed")

from click.testing import CliRunner  # noqa: E402

from counterclaim import Case  # noqa: E402
from counterclaim import cluster as dask_cluster  # noqa: E402
from counterclaim.cli import main  # noqa: E402
from counterclaim.ingest.articles import iter_inputs  # noqa: E402
from counterclaim.store.db import DB_FILENAME  # noqa: E402

from .conftest import CORPUS, ROOT  # noqa: E402

LAYERS = ("sentence", "entity", "claim", "quantity", "date", "technique", "warning")
N_DOCS = 24


@pytest.fixture(scope="module")
def cluster():
    """(scheduler address, client) of a two-worker LocalCluster on loopback."""
    from distributed import Client, LocalCluster

    local = LocalCluster(**dask_cluster.local_options(2))
    client = Client(local)
    yield local.scheduler_address, client
    client.close()
    local.close()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """N_DOCS short distinct articles made from the bundled ones (figures and places varied)."""
    folder = tmp_path_factory.mktemp("generated")
    rng = random.Random(16)
    paras = [p.strip() for path in sorted(CORPUS.glob("*.txt"))
             for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if len(p.split()) > 12]
    for i in range(N_DOCS):
        body = "\n\n".join(rng.sample(paras, k=3))
        body = re.sub(r"\b\d{2,4}\b", lambda m: str(int(m.group()) + rng.randint(0, 9)), body)
        body = body.replace("Moscow", rng.choice(["Kazan", "Samara", "Moscow", "Perm"]))
        (folder / f"gen-{i:03d}-2024-03-{rng.randint(23, 30)}.txt").write_text(f"Report {i}\n\n{body}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def generated_reference(generated, tmp_path_factory):
    """The generated corpus analysed in one process: what every dask run must reproduce."""
    case = Case(tmp_path_factory.mktemp("generated-one-process"))
    case.analyze([str(generated)], run_case_stages=False)
    yield case
    case.close()


def assert_same_documents(case: Case, reference: Case) -> None:
    assert [d.model_dump(exclude={"ingested_at"}) for d in case.documents()] == \
        [d.model_dump(exclude={"ingested_at"}) for d in reference.documents()]
    assert set(case.store.document_status().values()) == {("analysed", reference.pipeline_version())}
    for layer in LAYERS:
        assert case.annotations(layer) == reference.annotations(layer), layer
    doc_id = reference.documents()[-1].id  # the stored parse (its bytes order strings by hash: compare the tokens)
    tokens = [[(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in c.parse(doc_id)] for c in (case, reference)]
    assert tokens[0] == tokens[1]


def count_saves(case: Case) -> Counter:
    """Count, per document, how often ``case`` writes an analysis."""
    saves: Counter = Counter()
    save = case.store.save_analysis

    def counted(doc_id, *args, **kwargs):
        saves[doc_id] += 1
        return save(doc_id, *args, **kwargs)

    case.store.save_analysis = counted  # type: ignore[method-assign]
    return saves


def test_demo_corpus_same_as_one_process(tmp_path, cluster, crocus_case):
    address, _ = cluster
    case = Case(tmp_path)
    result = case.analyze([str(CORPUS)], executor="dask", scheduler=address)
    assert result.ok and result.added == [d.id for d in crocus_case.documents()]
    assert_same_documents(case, crocus_case)
    for layer in ("claim_cluster", "claim_relation", "hypothesis", "ach_evidence"):
        assert case.records(layer) == crocus_case.records(layer), layer
    # a second run finds everything done
    again = case.analyze([str(CORPUS)], executor="dask", scheduler=address)
    assert again.added == [] and sorted(again.unchanged) == sorted(result.added)


def test_generated_corpus_same_as_one_process(tmp_path, cluster, generated, generated_reference):
    address, _ = cluster
    case = Case(tmp_path)
    saves = count_saves(case)
    case.analyze([str(generated)], executor="dask", scheduler=address, batch_size=3, run_case_stages=False)
    assert_same_documents(case, generated_reference)
    assert set(saves.values()) == {1} and len(saves) == N_DOCS


def test_worker_killed_mid_run_loses_and_duplicates_nothing(tmp_path, cluster, generated, generated_reference):
    address, client = cluster
    killed: list[int] = []

    def kill_a_busy_worker(stage: str, done: int, total: int) -> None:
        if killed:
            return
        busy = [addr for addr, keys in client.processing().items() if keys]
        assert busy, "no worker has work in flight"
        pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    case = Case(tmp_path)
    saves = count_saves(case)
    case.analyze([str(generated)], executor="dask", scheduler=address, batch_size=2, progress=kill_a_busy_worker,
                 run_case_stages=False)
    assert killed and killed[0] not in client.run(os.getpid).values()
    assert set(saves.values()) == {1} and len(saves) == N_DOCS  # every document written once
    assert_same_documents(case, generated_reference)
    client.wait_for_workers(2, timeout=120)  # the nanny restarts the worker for the next tests


def analysed_count(folder) -> int:
    try:
        with sqlite3.connect(f"file:{folder / DB_FILENAME}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("select count(*) from documents where status = 'analysed'").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_killed_run_resumes_without_redoing_or_losing(tmp_path, cluster, generated, generated_reference):
    """Kill the CLI (the driver) mid-run; the next run analyses exactly the documents not yet written."""
    address, _ = cluster
    proc = subprocess.Popen([sys.executable, "-c", "from counterclaim.cli import main; main()", "analyze", str(generated), "--case", str(tmp_path),
                             "--executor", "dask", "--scheduler", address, "--batch-size", "1"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env=os.environ | {"HF_HUB_OFFLINE": "1"})
    deadline = time.monotonic() + 120
    while analysed_count(tmp_path) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = analysed_count(tmp_path)
    assert 2 <= done_before < N_DOCS, "the run was not interrupted mid-way"

    case = Case(tmp_path)
    finished = {d for d, (s, _) in case.store.document_status().items() if s == "analysed"}
    assert len(case.documents()) == N_DOCS  # ingest had stored every document before analysis began
    saves = count_saves(case)
    totals: list[int] = []
    result = case.analyze([str(generated)], executor="dask", scheduler=address, run_case_stages=False,
                          progress=lambda stage, done, total: totals.append(total))
    assert result.added == [] and result.reanalysed == []
    assert set(totals) == {N_DOCS - len(finished)}
    assert set(saves) == {d.id for d in case.documents()} - finished and set(saves.values()) == {1}
    assert_same_documents(case, generated_reference)


def test_cli_starts_a_local_cluster(tmp_path, crocus_case):
    result = CliRunner().invoke(main, ["analyze", str(CORPUS), "--case", str(tmp_path), "--executor", "dask",
                                       "--n-process", "1"])
    assert result.exit_code == 0, result.output
    with Case(tmp_path) as case:
        assert_same_documents(case, crocus_case)


def test_cli_refuses_without_the_extra(tmp_path, monkeypatch):
    monkeypatch.setattr(dask_cluster, "available", lambda: False)
    result = CliRunner().invoke(main, ["analyze", str(CORPUS), "--case", str(tmp_path), "--executor", "dask"])
    assert result.exit_code == 1 and "pip install 'counterclaim[dask]'" in result.output
    result = CliRunner().invoke(main, ["analyze", str(CORPUS), "--case", str(tmp_path), "--scheduler", "tcp://x:1"])
    assert result.exit_code == 1 and "--scheduler needs --executor dask" in result.output


def test_sources_expand_as_iter_inputs(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("a.txt", "b/c.md", "b/d.html", "e.bin", ".hidden.txt", "a.txt.meta.json"):
        (tmp_path / name).write_text('{"outlet": "X"}' if name.endswith(".json") else "Some text here.")
    specs = [str(tmp_path), str(tmp_path / "b" / "*.md"), str(tmp_path / "missing*.txt"), str(tmp_path / "a.txt")]
    expanded = list(dask_cluster.sources(specs))
    assert [v for _, v in expanded] == [item.source for item in iter_inputs(specs)]  # articles and errors alike
    assert [kind for kind, _ in expanded] == ["file"] * 4 + ["here", "file"]  # the missing glob: reported here
