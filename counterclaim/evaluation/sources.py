"""Real texts the project's gold annotations point into, read by reference from the data folder.

A reference names a dataset and an item; :func:`load_text` rebuilds the exact text the
annotations' offsets index (title, blank line, paragraphs separated by blank lines). The
texts themselves are never copied into the repository: only references, offsets, labels
and a SHA-256 of the rebuilt text are committed, so a changed data file is detected.

| reference                         | dataset folder                            | text                          |
|-----------------------------------|-------------------------------------------|-------------------------------|
| ``fnc1:BODY_ID``                  | ``fnc1_stance`` (competition test bodies) | the article body              |
| ``fnc1train:BODY_ID``             | ``fnc1_stance`` (training bodies)         | the article body              |
| ``basil:YEAR/UUID_N``             | ``basil_triplets/articles``               | title + paragraphs            |
| ``allsides:STORY_ID/SIDE``        | ``allsides_neus_story_clusters``          | headline + excerpt paragraphs |
| ``crocus:LINE``                   | ``crocus_city_hall_2024_rss`` (0-based)   | title + summary               |
| ``ptc:ARTICLE_ID``                | ``semeval2020_task11_ptc/train-articles`` | the article file as it is     |
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


def data_dir(explicit: str | os.PathLike | None = None) -> Path | None:
    """The public data folder: the explicit path, else ``$COUNTERCLAIM_DATA``, else ``../shared/data``.

    A folder that was named (argument or variable) and is missing gives None: never a silent fall-back
    to another folder, which would measure other data than the one asked for."""
    named = explicit or os.environ.get("COUNTERCLAIM_DATA")
    path = Path(named) if named else Path(__file__).resolve().parents[2].parent / "shared" / "data"
    return path if path.is_dir() else None


def require_data_dir(explicit: str | os.PathLike | None, prog: str) -> Path:
    """:func:`data_dir`, or a one-line error naming ``prog`` and exit status 2 (for the scripts)."""
    root = data_dir(explicit)
    if root is None:
        named = explicit or os.environ.get("COUNTERCLAIM_DATA")
        why = f"{named} does not exist" if named else "give --data or set COUNTERCLAIM_DATA; ../shared/data is not there"
        print(f"{prog}: no data folder ({why})", file=sys.stderr)
        raise SystemExit(2)
    return root


def training_arguments(doc: str, prog: str, default_out: Path, argv: list[str] | None = None) -> tuple[Path, Path]:
    """(data folder, artefact path) from a training script's ``--data`` and ``--out``."""
    import argparse

    parser = argparse.ArgumentParser(prog=prog, description=doc.split("\n\n")[0])
    parser.add_argument("--data", help="shared data folder (default $COUNTERCLAIM_DATA or ../shared/data)")
    parser.add_argument("--out", type=Path, default=default_out)
    args = parser.parse_args(argv)
    return require_data_dir(args.data, prog), args.out


@dataclass(frozen=True)
class SourceText:
    ref: str
    text: str
    outlet: str
    title: str
    published: str | None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def _join(title: str, paragraphs: list[str]) -> str:
    body = "\n\n".join(p.strip() for p in paragraphs if p and p.strip())
    return f"{title.strip()}\n\n{body}" if title.strip() else body


@lru_cache(maxsize=4)
def _fnc_bodies(root: str, name: str = "competition_test_bodies.csv") -> dict[str, str]:
    path = Path(root) / "fnc1_stance" / name
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["Body ID"]: r["articleBody"].replace("\r\n", "\n") for r in csv.DictReader(fh)}


@lru_cache(maxsize=4)
def _allsides(root: str) -> dict[str, dict]:
    path = Path(root) / "allsides_neus_story_clusters" / "allsides_headline_roundups_crawled_2021-10-19.jsonl"
    with path.open(encoding="utf-8") as fh:
        return {str(d["id"]): d for d in map(json.loads, fh)}


@lru_cache(maxsize=4)
def _crocus(root: str) -> list[dict]:
    path = Path(root) / "crocus_city_hall_2024_rss" / "crocus_rss_entries.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_text(ref: str, root: Path) -> SourceText:
    """Rebuild the text a reference names; ``KeyError`` when the item does not exist."""
    kind, _, key = ref.partition(":")
    if kind == "fnc1":
        return SourceText(ref, _fnc_bodies(str(root))[key], "", "", None)
    if kind == "fnc1train":
        return SourceText(ref, _fnc_bodies(str(root), "train_bodies.csv")[key], "", "", None)
    if kind == "basil":
        d = json.loads((root / "basil_triplets" / "articles" / f"{key}.json").read_text(encoding="utf-8"))
        paragraphs = [" ".join(s.strip() for s in p) for p in d["body-paragraphs"]]
        return SourceText(ref, _join(d["title"], paragraphs), d["source"].upper(), d["title"], d.get("date"))
    if kind == "allsides":
        story, _, side = key.partition("/")
        item = _allsides(str(root))[story]
        news = item["news"][side]
        # The round-up's date: its time of day is the round-up's, not the article's.
        return SourceText(ref, _join(news["newsTitle"], news["newBody"]), news["newsSource"], news["newsTitle"],
                          item["date"][:10])
    if kind == "crocus":
        e = _crocus(str(root))[int(key)]
        # The feed's full timestamp: one outlet's same-day entries are ordered by it (its revisions).
        return SourceText(ref, _join(e["title"], [e.get("summary") or ""]), e["source"], e["title"],
                          e["date_published"])
    if kind == "ptc":  # training articles only: PTC's dev articles measure the techniques stage
        path = root / "semeval2020_task11_ptc" / "train-articles" / f"article{key}.txt"
        if not path.is_file():
            raise KeyError(f"no PTC training article {key!r}")
        return SourceText(ref, path.read_text(encoding="utf-8"), "", "", None)
    raise KeyError(f"unknown reference kind {kind!r} in {ref!r}")
