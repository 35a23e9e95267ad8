"""Page chrome: titles are the first line that is not chrome ("Trending", "All news", "loading…", a URL);
lines of links to other stories ("Related", "See also") are chrome wherever they stand."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from ..model import MetaSpan


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


@lru_cache(maxsize=1)
def _related_label() -> re.Pattern[str]:
    labels = sorted(_chrome()["related_labels"], key=len, reverse=True)
    # The label, then a colon or bar, or the first linked headline's capital, glued or after spaces.
    return re.compile(rf"[ \t]*(?i:{'|'.join(map(re.escape, labels))})(?:[ \t]*[:|]|[ \t]*(?=[A-Z]))")


def related_spans(text: str) -> list[MetaSpan]:
    """Each line that opens with a related-links label ("RelatedNorth Korea: ...", "SEE ALSO: ...", "Read
    more Hollywood Salaries Revealed"): a "SEE ALSO:" is a link, not a dateline's place. A label alone on its line
    heads a list: the lines after it that end as no sentence does are its links ("Related Stories / Nigeria says
    reaches deal with Boko Haram over abducted girls Reuters / ...", FNC-1 training body 600)."""
    label = _related_label()
    lines = list(re.finditer(r"[^\n]+", text))
    out, heading = [], False
    for m in lines:
        line = m.group(0)
        opens = label.match(line)
        if opens or (heading and not line.rstrip().endswith(_SENTENCE_ENDS) and _looks_like_title(line)):
            out.append(MetaSpan(kind="related", start=m.start(), end=m.end(), text=line))
            heading = heading or line.strip(" \t:|").lower() in _chrome()["related_labels"]
        else:
            heading = False
    return out


_SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", ")")
