"""Hostile and clumsy input (issue 18): a one-line error naming the input, never a traceback, a hang,
a poisoned case or a lost update.

Every input here is generated (no demo corpus). Anything that could hang runs under a timeout; every
probe checks that the case is still usable afterwards. The PostgreSQL races reuse the throwaway server
of tests/test_postgres.py and skip when there is none.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from counterclaim import Case
from counterclaim.cli import main
from counterclaim.cli.base import plain, safe
from counterclaim.ingest.articles import MAX_CHARS, IngestError, RawArticle, given_date, iter_inputs, text_layout
from counterclaim.store.db import DB_FILENAME, CaseBusyError, ConflictError, Store, StoreError, meta
from counterclaim.web import create_app
from counterclaim.web.security import SESSION_COOKIE, Guard

from .test_postgres import pg_url  # noqa: F401  (the throwaway PostgreSQL server)

ROOT = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------- helpers


def article(n: int, words: int = 0) -> str:
    """A short generated news article; ``words`` adds filler paragraphs."""
    day = 20 + n % 9
    body = (f"Blast at station {n} injures {n + 3} people\n\n"
            f"MOSCOW, March {day}, 2024 — At least {n + 3} people were injured in an explosion at station {n}, "
            f"officials said on Sunday. Police detained {n % 5 + 1} suspects, the ministry said.\n\n"
            f"Witnesses said the blast happened at {n % 12 + 1} p.m. and that {2 * n + 10} people were evacuated.\n")
    filler = " ".join(f"The regional governor said repairs to line {i} would take weeks." for i in range(words // 11))
    return body + ("\n" + filler + "\n" if filler else "")


def bounded(fn, seconds: float = 20.0):
    """Run ``fn`` in a thread; fail (instead of hanging the suite) if it takes longer than ``seconds``."""
    box: dict = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised below
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"no answer within {seconds} s (a hang)"
    if "error" in box:
        raise box["error"]
    return box.get("value")


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, IngestError)]


def cli(*args: str, code: int | None = None, seconds: float = 120.0):
    """Run the CLI in-process: never a traceback; ``code`` is the exit status expected."""
    result = bounded(lambda: CliRunner().invoke(main, [str(a) for a in args]), seconds)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        raise AssertionError("".join(traceback.format_exception(result.exception)))
    assert "Traceback" not in result.output
    if code is not None:
        assert result.exit_code == code, result.output
    return result


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("error:")]


@pytest.fixture(scope="module")
def small_case(tmp_path_factory):
    """Three generated articles, analysed once (read-only: copy it with ``case_copy``)."""
    root = tmp_path_factory.mktemp("generated")
    inputs = root / "in"
    inputs.mkdir()
    for n in range(3):
        (inputs / f"station-{n}.txt").write_text(article(n), encoding="utf-8")
    case = Case(root / "case")
    result = case.analyze([str(inputs)])
    assert result.ok and len(result.added) == 3, result.errors
    case.close()
    return root / "case"


@pytest.fixture
def case_copy(small_case, tmp_path):
    shutil.copy(small_case / DB_FILENAME, tmp_path / DB_FILENAME)
    with Case(tmp_path) as case:
        yield case


# --------------------------------------------------------------------------- (1) batch ingest


def test_mixed_batch_keeps_good_documents_and_refuses_bad_ones_by_name(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for n in range(3):
        (folder / f"good-{n}.txt").write_text(article(n), encoding="utf-8")
    (folder / "bad-types.json").write_text(json.dumps({"text": article(7), "url": 7, "title": {}}))
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "huge.txt").write_text("Long\n\n" + ("word " * (MAX_CHARS // 5 + 10)), encoding="utf-8")
    (folder / "mixed.jsonl").write_text(json.dumps({"text": article(4)}) + "\n" + json.dumps({"text": 5}) + "\n")
    case_dir = tmp_path / "case"
    result = cli("analyze", folder, "--case", case_dir, code=1)
    errors = "\n".join(error_lines(result.output))
    assert "bad-types.json: field 'title' must be a string, not an object" in errors
    assert "deep.json: invalid JSON (nested too deeply)" in errors
    assert "huge.txt: text too long to analyse" in errors
    assert "mixed.jsonl:2: JSON record needs a non-empty string field 'text'" in errors
    with Case(case_dir) as case:
        docs = {d.id for d in case.documents()}
        assert docs == {"good-0", "good-1", "good-2", "doc"} or len(docs) == 4, docs
        assert all(len(d.text) <= MAX_CHARS for d in case.documents())
        assert set(s for s, _ in case.store.document_status().values()) == {"analysed"}
    again = cli("analyze", folder, "--case", case_dir, code=1)  # the case is still usable
    assert "4 unchanged" in " ".join(again.output.replace("│", " ").split())


def test_too_long_document_stored_by_an_older_version_does_not_poison_the_case(tmp_path):
    from counterclaim.ingest.articles import to_document

    with Case(tmp_path) as case:
        long = RawArticle(text="x " * (MAX_CHARS // 2 + 10), source="legacy.txt")
        case.store.add_document(to_document(long, set()))
        result = case.analyze([], run_case_stages=False)
        assert [e.source for e in result.errors] == ["legacy"]
        assert "too long to analyse" in result.errors[0].reason
        (tmp_path / "ok.txt").write_text(article(1), encoding="utf-8")
        result = case.analyze([str(tmp_path / "ok.txt")], run_case_stages=False)
        assert result.added == ["ok"]
        assert case.store.document_status()["ok"][0] == "analysed"


def test_a_failing_stage_leaves_one_document_unanalysed_and_the_others_analysed(tmp_path, monkeypatch):
    from counterclaim.pipeline import registry

    stage = registry.get("consistency")

    def broken(ctx):
        if "BOOM" in ctx.text:
            raise RuntimeError("stage exploded")
        return stage.fn(ctx)

    monkeypatch.setitem(registry.stages, "consistency", stage.__class__(**{**stage.__dict__, "fn": broken}))
    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    (tmp_path / "b.txt").write_text(article(2) + "\nBOOM.\n", encoding="utf-8")
    with Case(tmp_path / "case") as case:
        result = case.analyze([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], run_case_stages=False)
        assert [(e.source, "stage exploded" in e.reason) for e in result.errors] == [("b", True)]
        assert case.store.document_status()["a"][0] == "analysed"
        assert case.store.document_status()["b"][0] == "ingested"
        monkeypatch.setitem(registry.stages, "consistency", stage)
        assert case.analyze([], run_case_stages=False).ok  # the next run finishes it
        assert case.store.document_status()["b"][0] == "analysed"


def test_every_input_failing_on_a_new_case_is_a_plain_error(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    result = cli("analyze", tmp_path / "empty.txt", "--case", tmp_path / "case", code=1)
    assert error_lines(result.output) == [f"error: {tmp_path / 'empty.txt'}: empty file"]


@pytest.mark.parametrize("sidecar, reason", [
    ({"published": "March " * 200_000}, "too large"),  # 1.2 MB: over the sidecar size limit
    ({"published": "March " * 2_000}, "published date too long"),  # never handed to dateparser
    ({"published": "9999-12-31"}, "published date 9999-12-31 is outside 1800-2100"),
    ({"published": "0001-01-01"}, "outside 1800-2100"),
    ({"published": 20240101}, "published date must be a string"),
    ({"published": "not a date at all"}, "unreadable published date"),
    ({"outlet": {"name": "x"}}, "field 'outlet' must be a string, not an object"),
    ({"title": "t" * 5_000}, "field 'title' too long"),
    ({"url": ["http://x"]}, "field 'url' must be a string, not an array"),
    ({"color": "red"}, "unknown metadata fields"),
    ([1, 2], "unknown metadata fields"),
])
def test_sidecar_values_are_validated_fast(tmp_path, sidecar, reason):
    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    given_date("1 March 2024", "warm-up")  # the first call loads dateparser's language data (seconds)
    started = time.monotonic()
    arts, errors = bounded(lambda: split(iter_inputs([str(tmp_path / "a.txt")])), 10)
    assert time.monotonic() - started < 30  # the unbounded value took 95 s; a loaded 2-core machine can take ~7 s
    assert not arts
    assert len(errors) == 1 and errors[0].source.endswith("a.txt.meta.json")
    assert reason in errors[0].reason
    assert len(str(errors[0])) < 400  # one short line, never the value itself


def test_deeply_nested_sidecar_and_record_are_refused(tmp_path):
    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text("[" * 20_000 + "]" * 20_000)
    (tmp_path / "b.jsonl").write_text('{"text": "x", "extra": ' + "[" * 50_000 + "]" * 50_000 + "}\n")
    _, errors = split(iter_inputs([str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl")]))
    assert [e.reason for e in errors] == ["invalid JSON (nested too deeply)"] * 2


def test_dates_far_away_in_datelines_are_ignored():
    _, _, published, _ = text_layout("Title\n\nMOSCOW, March 3, 9999 — Officials said.", "x.txt")
    assert published is None
    _, _, published, _ = text_layout("Title\n\nThe following article was published on March 3, 9999 here.\n",
                                     "x.txt")
    assert published is None


# --------------------------------------------------------------------------- (2) special files


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_special_files_and_broken_links_are_refused_by_name(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(article(1), encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    os.symlink(folder / "missing.txt", folder / "dangling.txt")
    os.symlink(folder, folder / "again")  # a folder loop
    arts, errors = bounded(lambda: split(iter_inputs([str(folder)])), 10)
    assert [a.source for a in arts] == [str(folder / "good.txt")]
    reasons = {Path(e.source).name: e.reason for e in errors}
    assert reasons["pipe.txt"] == "not a regular file (a FIFO (named pipe))"
    assert reasons["zero.txt"] == "not a regular file (a character device)"
    assert reasons["loop-a.txt"] == reasons["loop-b.txt"] == "symlink loop"
    assert reasons["dangling.txt"].startswith("dangling symlink")
    assert reasons["again"].startswith("symlink loop")
    # named one by one, too (a FIFO given by name must not hang the read)
    for name in ("pipe.txt", "zero.txt", "loop-a.txt", "dangling.txt"):
        arts, errors = bounded(lambda name=name: split(iter_inputs([str(folder / name)])), 10)
        assert not arts and [Path(e.source).name for e in errors] == [name]


def test_unreadable_folder_is_refused_by_name(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "good.txt").write_text(article(1), encoding="utf-8")
    real = os.scandir

    def scandir(path):
        if Path(path).name == "locked":  # root ignores permission bits: simulate chmod 000
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    arts, errors = split(iter_inputs([str(folder)]))
    assert len(arts) == 1
    assert [(Path(e.source).name, e.reason) for e in errors] == [("locked", "cannot read folder (Permission denied)")]


def test_reads_are_bounded(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2_000)
    _, errors = split(iter_inputs([str(big)], max_bytes=1_000))
    assert "too large" in errors[0].reason
    import io

    _, errors = split(iter_inputs(["-"], max_bytes=1_000, stdin=io.BytesIO(b"b" * 10_000_000)))
    assert "too large" in errors[0].reason


def test_long_file_name_works(tmp_path):
    name = "a" * 250 + ".txt"  # 254 bytes: legal, but no room for a sidecar name beside it
    (tmp_path / name).write_text(article(1), encoding="utf-8")
    arts, errors = split(iter_inputs([str(tmp_path / name)]))
    assert not errors and len(arts) == 1


# --------------------------------------------------------------------------- (3) terminal output


def test_markup_and_control_characters_in_names_and_text_are_shown_as_text(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "e[bold].txt").write_text("  ")  # refused: the error names the file exactly
    (folder / "[red]x[-red].txt").write_text("  ")
    (folder / "esc.txt").write_text("Title \x1b[2J\x1b]0;owned\x07 here\n\n" + article(2), encoding="utf-8")
    case_dir = tmp_path / "case"
    result = cli("analyze", folder, "--case", case_dir, code=1)
    errors = error_lines(result.output)
    assert f"error: {folder / 'e[bold].txt'}: empty file" in errors
    assert f"error: {folder / '[red]x[-red].txt'}: empty file" in errors
    listing = cli("documents", "--case", case_dir, code=0).output
    assert "\x1b" not in listing and "\x07" not in listing
    assert "\\x1b" in listing
    assert plain("a\x1bb\rc\u202ed") == "a\\x1bb\\x0dc\\u202ed"
    assert safe("[/red]") == "\\[/red]"


# --------------------------------------------------------------------------- (4) --case


def _garbage(folder: Path) -> str:
    folder.mkdir()
    (folder / DB_FILENAME).write_bytes(os.urandom(4096))
    return str(folder)


def _truncated(folder: Path) -> str:
    Store.open(folder / "whole").close()
    folder.mkdir(exist_ok=True)
    data = (folder / "whole" / DB_FILENAME).read_bytes()
    (folder / DB_FILENAME).write_bytes(data[:200])
    return str(folder)


def _foreign(folder: Path) -> str:
    folder.mkdir()
    with sqlite3.connect(folder / DB_FILENAME) as db:
        db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    return str(folder)


def _newer(folder: Path) -> str:
    store = Store.open(folder)
    with store.transaction() as conn:
        conn.execute(meta.update().where(meta.c.key == "schema_version").values(value="99"))
    store.close()
    return str(folder)


def _plain_file(folder: Path) -> str:
    folder.write_text("not a case")
    return str(folder)


def _read_only(folder: Path) -> str:
    Store.open(folder).close()
    return f"sqlite:///file:{folder / DB_FILENAME}?mode=ro&uri=true"


@pytest.mark.parametrize("make, reason", [
    (lambda p: "", "no case given"),
    (_plain_file, "is a file, not a case folder"),
    (_garbage, "not a case database"),
    (_truncated, "not a case database"),
    (_foreign, "not a counterclaim case (the database holds other tables: users)"),
    (_newer, "schema 99 is newer than this counterclaim"),
    (lambda p: "mysql://root@localhost/x", "unknown database URL scheme 'mysql'"),
    (lambda p: "ftp://example.org/case", "unknown database URL scheme 'ftp'"),
    (lambda p: "postgresql+psycopg://nobody:secret@127.0.0.1:9/none", "cannot use the database"),
])
def test_unusable_case_is_one_line_naming_it(tmp_path, make, reason):
    location = make(tmp_path / "case")
    result = cli("documents", "--case", location, code=1, seconds=60)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and reason in lines[0], result.output
    assert "secret" not in result.output  # a password is never printed
    if make is _foreign:
        with sqlite3.connect(Path(location) / DB_FILENAME) as db:
            assert [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["users"]
    if make is _plain_file:
        assert not (tmp_path / "case.db").exists() and not Path("case.db").exists()


def test_read_only_case_reads_and_refuses_writes_in_one_line(tmp_path):
    location = _read_only(tmp_path / "case")
    cli("documents", "--case", location, code=0)
    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    result = cli("analyze", tmp_path / "a.txt", "--case", location, code=1)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "read-only" in lines[0], result.output


def test_store_carries_its_own_marker(tmp_path):
    store = Store.open(tmp_path)
    assert store.get_meta("application") == "counterclaim"
    store.close()


def test_concurrent_creation_of_one_case(tmp_path):
    errors: list[BaseException] = []
    barrier = threading.Barrier(6)

    def create() -> None:
        barrier.wait()
        try:
            Store.open(tmp_path / "case").close()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=create) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors


def test_second_analysis_of_one_case_is_told_the_case_is_busy(tmp_path):
    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    holder = Store.open(tmp_path / "case")
    with holder.exclusive("analysis"):
        with pytest.raises(CaseBusyError, match="case is busy"), Case(tmp_path / "case") as case:
            case.analyze([str(tmp_path / "a.txt")])
        result = cli("analyze", tmp_path / "a.txt", "--case", tmp_path / "case", code=1)
        assert error_lines(result.output)[0].startswith("error: case is busy")
    holder.close()
    with Case(tmp_path / "case") as case:  # free again: the case was not touched
        assert case.documents() == []


# --------------------------------------------------------------------------- (5) saves, undo, the workbench


def race(make_store, key: str, expected: int, runs: int = 20, prepare=None) -> None:
    """Two writers save ``key`` at once from revision ``expected``, ``runs`` times: exactly one wins."""
    stores = [make_store(), make_store()]
    try:
        for run in range(runs):
            item = f"{key}-{run}"
            if prepare:
                prepare(stores[0], item)
            barrier = threading.Barrier(2)
            outcomes: list[str] = []

            def save(store, who: str) -> None:
                barrier.wait()
                try:
                    store.put_analyst("rating", item, {"rating": who}, user=who, expected_rev=expected)
                    outcomes.append("won")
                except ConflictError:
                    outcomes.append("409")

            threads = [threading.Thread(target=save, args=(s, w)) for s, w in zip(stores, ("ana", "bo"))]
            for t in threads:
                t.start()
            for t in threads:
                t.join(60)
            assert sorted(outcomes) == ["409", "won"], (run, outcomes)
            data, rev = stores[0].analyst_item("rating", item)
            assert rev == expected + 1
            edits = [e for e in stores[0].edits("rating", item) if e.action != "prepare"]
            assert len(edits) == 1 and edits[0].new == data  # the audit log holds the winner only
    finally:
        for s in stores:
            s.close()


def _existing(store: Store, item: str) -> None:
    store.put_analyst("rating", item, {"rating": "first"}, user="setup", action="prepare", expected_rev=0)


def test_save_race_on_sqlite_existing_item(tmp_path):
    race(lambda: Store.open(tmp_path), "old", 1, prepare=_existing)


def test_save_race_on_sqlite_new_item(tmp_path):
    race(lambda: Store.open(tmp_path), "new", 0)


def test_save_race_on_postgres_existing_item(pg_url):  # noqa: F811
    race(lambda: Store(pg_url), "pg-old", 1, prepare=_existing)


def test_save_race_on_postgres_new_item(pg_url):  # noqa: F811
    race(lambda: Store(pg_url), "pg-new", 0)


def test_analysis_lock_on_postgres(pg_url):  # noqa: F811
    first, second = Store(pg_url), Store(pg_url)
    with first.exclusive("analysis"):
        with pytest.raises(CaseBusyError), second.exclusive("analysis"):
            pass
    with second.exclusive("analysis"):
        pass
    first.close()
    second.close()


def test_undo_refuses_when_a_later_edit_changed_the_item(tmp_path):
    store = Store.open(tmp_path)
    store.put_analyst("source", "X", {"reliability": "B"}, user="ana", expected_rev=0)
    store.put_analyst("source", "X", {"reliability": "E"}, user="bo", expected_rev=1)
    first, second = store.edits("source", "X")
    with pytest.raises(ConflictError, match=f"edit {second.id} by bo"):
        store.undo(first.id, user="ana")
    assert store.analyst_item("source", "X") == ({"reliability": "E"}, 2)  # bo's edit survives
    store.undo(second.id, user="bo")  # undoing in reverse order works
    store.undo(first.id, user="ana")
    assert store.analyst_item("source", "X") is None
    for bad in (0, -1, 2**70):
        with pytest.raises(StoreError):
            store.undo(bad, user="ana")
    store.close()


def _client(case: Case, guard: Guard | None = None) -> tuple[TestClient, Guard]:
    guard = guard or Guard()
    case.store.engine.dispose()
    client = TestClient(create_app(case.location, user="tester", guard=guard), base_url="http://127.0.0.1",
                        follow_redirects=False)
    return client, guard


def _session(client: TestClient, guard: Guard) -> str:
    client.get("/favicon.ico")
    return guard.csrf_for(client.cookies[SESSION_COOKIE])


def test_workbench_save_race_has_one_winner_and_one_409(case_copy):
    source = case_copy.documents()[0].id
    clients = []
    for _ in range(2):
        client, guard = _client(case_copy)
        clients.append((client, _session(client, guard)))
    for run in range(20):
        rev = case_copy.store.analyst_item("source", case_copy.ach.source_key(case_copy.documents()[0]))
        expected = rev[1] if rev else 0
        barrier = threading.Barrier(2)
        codes: list[int] = []

        def post(client: TestClient, token: str, grade: str) -> None:
            barrier.wait()
            codes.append(client.post("/source", data={"csrf": token, "source": source, "reliability": grade,
                                                      "expected_rev": str(expected), "next": "/ach"}).status_code)

        threads = [threading.Thread(target=post, args=(c, t, g)) for (c, t), g in zip(clients, "BE")]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert sorted(codes) == [303, 409], (run, codes)


def test_workbench_answers_4xx_to_malformed_input(case_copy):
    client, guard = _client(case_copy)
    token = _session(client, guard)
    quantity = case_copy.annotations("quantity")[0]
    form = {"csrf": token, "annotation_id": quantity.id, "expected_rev": "0", "next": "/"}
    assert client.post("/correct", data={**form, "csrf": "jeton-é"}).status_code == 403
    assert client.post("/correct", data={k: v for k, v in form.items() if k != "csrf"},
                       files={"csrf": ("t.txt", token.encode())}).status_code == 403
    for value in ("nan", "1e309", "-inf", "infinity"):
        assert client.post("/correct", data={**form, "value": value}).status_code == 422, value
    assert client.post("/correct", data={**form, "expected_rev": "1" + "0" * 30, "value": "3"}).status_code == 422
    assert client.post("/correct", data={**form, "value": "3"},
                       files={"note": ("n.txt", b"x")}).status_code == 422
    for edit_id in (str(2**70), "-1", "abc", "", "1e3"):
        assert client.post("/undo", data={"csrf": token, "edit_id": edit_id}).status_code == 422, edit_id
    merge = {"csrf": token, "alias": "Station Ten", "canonical": "Station", "kind": "<weird>"}
    assert client.post("/aliases/merge", data=merge).status_code == 422
    for page in ("/", "/entities", "/figures", "/edits"):
        assert client.get(page).status_code == 200
    # the case is untouched
    assert case_copy.store.edits() == []
    with pytest.raises(ValueError, match="finite"):
        case_copy.correct(quantity.id, value=float("nan"))


def test_workbench_undo_of_an_overwritten_edit_is_409(case_copy):
    client, guard = _client(case_copy)
    token = _session(client, guard)
    source = case_copy.documents()[0].id
    assert client.post("/source", data={"csrf": token, "source": source, "reliability": "B",
                                        "expected_rev": "0"}).status_code == 303
    assert client.post("/source", data={"csrf": token, "source": source, "reliability": "E",
                                        "expected_rev": "1"}).status_code == 303
    first = case_copy.store.edits()[0]
    response = client.post("/undo", data={"csrf": token, "edit_id": str(first.id)})
    assert response.status_code == 409 and "undo that edit first" in response.text


def test_non_ascii_access_token_is_401_not_500(case_copy):
    client, _ = _client(case_copy, Guard(token="s3cret", hosts={"*"}))
    assert client.get("/", headers={"authorization": "Bearer jéton".encode()}).status_code == 401
    assert client.get("/?token=%C3%A9").status_code == 401
    assert client.get("/", headers={"cookie": "cc_token=caf\u00e9".encode()}).status_code == 401


# --------------------------------------------------------------------------- (6) worker processes


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL])
def test_workers_stop_on_sigint_and_die_with_their_parent(tmp_path, how):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(24):
        (folder / f"long-{n}.txt").write_text(article(n, words=2500), encoding="utf-8")
    command = [sys.executable, "-c", "from counterclaim.cli import main; main()", "analyze", str(folder),
               "--case", str(tmp_path / "case"), "--n-process", "2", "--batch-size", "1"]
    parent = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path,
                              env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"})
    try:
        deadline = time.monotonic() + 90
        workers: list[int] = []
        while time.monotonic() < deadline and len(workers) < 2:
            time.sleep(0.2)
            workers = [p for p in _children(parent.pid) if _alive(p)]
            assert parent.poll() is None, parent.stderr.read().decode()
        assert len(workers) >= 2, "the workers never started"
        parent.send_signal(how)
        parent.wait(timeout=30)  # SIGINT: the parent stops (it does not finish the batches)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(p) for p in workers):
            time.sleep(0.2)
        assert not any(_alive(p) for p in workers), "workers outlived their parent"
        if how == signal.SIGINT:
            assert b"Traceback" not in parent.stderr.read()
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
    with Case(tmp_path / "case") as case:  # the case is still usable: the next run finishes it
        assert {s for s, _ in case.store.document_status().values()} <= {"ingested", "analysed"}


# --------------------------------------------------------------------------- (7) stable case-stage ids


def test_records_with_one_id_twice_do_not_fail_the_stage(tmp_path):
    from counterclaim.across.consistency import CrossDocumentWarning
    from counterclaim.model import Warning

    def record(message: str) -> CrossDocumentWarning:
        warning = Warning(id="d/xw1-2", doc_id="d", start=1, end=2, component="c", version="1",
                          code="publication_date_anachronism", message=message, severity="warning")
        return CrossDocumentWarning(id=warning.id, component="c", version="1", warning=warning)

    store = Store.open(tmp_path)
    store.replace_records([CrossDocumentWarning.layer], [record("a"), record("b")])
    store.replace_records([CrossDocumentWarning.layer], [record("a"), record("b")])  # re-run: same ids
    assert [r.warning.message for r in store.records(CrossDocumentWarning.layer)] == ["a"]
    store.close()


def test_one_claim_first_in_two_anachronisms_gives_two_distinct_warning_ids():
    import datetime as dt

    from counterclaim.across.consistency import cross_consistency
    from counterclaim.across.records import ClaimCluster
    from counterclaim.model import Claim, DateMention, Document
    from counterclaim.pipeline import CaseInputs

    early = Document.model_construct(id="a", published=dt.date(2024, 1, 1), published_source="given")
    later = Document.model_construct(id="b", published=dt.date(2024, 4, 1), published_source="given")
    claims = [Claim.model_construct(id=f"{d}/c0-10", doc_id=d, start=0, end=10, text="x", kind="event")
              for d in ("a", "b")]
    days = [dt.date(2024, 3, 22), dt.date(2024, 3, 25)]
    dates = [DateMention.model_construct(id=f"b/d{n}", doc_id="b", start=n, end=n + 1, text="t", value=day,
                                         role="event") for n, day in enumerate(days)]
    clusters = [ClaimCluster.model_construct(id=f"K{n}", event_date=day, claim_ids=["a/c0-10", "b/c0-10"],
                                             doc_ids=["a", "b"]) for n, day in enumerate(days)]
    inputs = CaseInputs(documents=[early, later], annotations={"claim": claims, "date": dates},
                        records={ClaimCluster.layer: clusters})
    ids = [r.id for r in cross_consistency(inputs).records]
    assert len(ids) == 2 and len(set(ids)) == 2, ids
    assert ids == [r.id for r in cross_consistency(inputs).records]  # stable across runs


def test_far_dates_in_text_and_verbless_dates_neither_hang_nor_break_the_report(tmp_path):
    """A date under no verb once looped forever (spaCy Tokens are new objects per access); a year 9999 in the
    text and a case without hypotheses once broke the report."""
    from counterclaim.report.render import render_report

    (tmp_path / "a.txt").write_text("Attack on 9999\n\nMOSCOW, March 3, 2024 — Officials said 40 people were "
                                    "killed on December 31, 9999 in the attack, and 12 more on 31 December 9998.\n")
    case_dir = tmp_path / "case"
    cli("analyze", tmp_path / "a.txt", "--case", case_dir, code=0, seconds=120)
    with Case(case_dir) as case:
        assert "<html" in bounded(lambda: render_report(case), 120).lower()
        client, _ = _client(case)
        for page in ("/", "/figures", "/timeline", "/ach", "/report.html"):
            assert client.get(page).status_code == 200, page
    cli("export", "--case", case_dir, "-o", tmp_path / "case.json", code=0)


def test_mixed_requests_from_four_clients_never_get_a_500(crocus_copy):
    """Pages, corrections, ratings, source grades, hypothesis additions and undos from 4 threads against a
    real server on loopback: every answer is 2xx/3xx/4xx (a page read while a hypothesis was added gave 500)."""
    import random
    import re
    import socket

    import httpx
    import uvicorn

    crocus_copy.store.engine.dispose()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(crocus_copy.location, user="probe"), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.1)
    claims = [c.id for c in crocus_copy.claims()[:10]]
    bad: list[str] = []

    def client(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=60, follow_redirects=False) as c:
            token = re.search(r'name="csrf" value="([^"]+)"', c.get("/doc/icwp-2024-03-27").text).group(1)
            post = {"csrf": token}
            for _ in range(20):
                path, data = rng.choice([
                    ("/", None), ("/ach", None), ("/hypotheses", None), ("/edits", None), ("/doc/oakke-2024", None),
                    ("/correct", {"annotation_id": rng.choice(claims), "action": "delete", "next": "/"}),
                    ("/ach/rate", {"evidence": f"E{rng.randint(1, 12)}", "hypothesis": f"H{rng.randint(1, 4)}",
                                   "rating": rng.choice(["C", "I", "II", "N", ""]), "next": "/ach"}),
                    ("/source", {"source": "ICWP", "reliability": rng.choice("ABCDEF"), "next": "/ach"}),
                    ("/hypotheses/add", {"label": f"Actor {rng.randint(1, 5)}", "aliases": "", "next": "/"}),
                    ("/undo", {"edit_id": str(rng.randint(1, 30)), "next": "/edits"}),
                ])
                try:
                    r = c.get(path) if data is None else c.post(path, data=post | data, headers={"Origin": base})
                    if r.status_code >= 500:
                        bad.append(f"{path}: {r.status_code}")
                except httpx.HTTPError as exc:
                    bad.append(f"{path}: {type(exc).__name__}")

    try:
        threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    finally:
        server.should_exit = True
        thread.join(10)
    assert not bad
