"""Titles: the first line that is not page chrome ("Trending", "All news", "loading…", a URL)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any


def _looks_like_title(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= 200 and not line.endswith((".", ",", ";")) and len(line.split()) <= 30 \
        and not is_chrome(line)


@lru_cache(maxsize=1)
def _chrome() -> dict[str, Any]:
    path = resources.files("counterclaim") / "data" / "ingest" / "chrome_titles.json"
    return json.loads(path.read_text(encoding="utf-8"))


def is_chrome(line: str) -> bool:
    """Page chrome ("Trending", "All news", "loading…", "Facts", a URL): never a title."""
    stripped = line.strip()
    if re.match(r"(?:https?://|www\.)\S+$", stripped, re.I) or not any(ch.isalpha() for ch in stripped):
        return True
    key = re.sub(r"\s+", " ", stripped.strip(" .…:|·•-–—»›>*#").lower())
    data = _chrome()
    return key in data["lines"] or (len(key.split()) == 1 and key.rstrip("s") in data["single_words"])
