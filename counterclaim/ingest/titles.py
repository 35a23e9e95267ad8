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


# A line that ends as a sentence does is no linked headline.
_SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", ")")


def related_spans(text: str) -> list[MetaSpan]:
    """Each line that opens with a related-links label ("RelatedNorth Korea: ...", "SEE ALSO: ...", "Read
    more Hollywood Salaries Revealed"): a "SEE ALSO:" is a link, not a dateline's place. A label alone on its line
    heads a list: the title-like lines after it that end as no sentence does, up to a blank line, are its links
    ("Related Stories / Nigeria says reaches deal with Boko Haram over abducted girls Reuters / ...", FNC-1 training
    body 600)."""
    label = _related_label()
    labels = set(_chrome()["related_labels"])
    out: list[MetaSpan] = []
    heading, links, previous_end = False, 0, 0
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        if links and "\n\n" in text[previous_end:m.start()]:
            heading = False  # a blank line after the links ends the list
        previous_end = m.end()
        alone = line.strip(" \t:|").lower() in labels
        link = heading and not alone and not line.rstrip().endswith(_SENTENCE_ENDS) and _looks_like_title(line) \
            and len(line.split()) <= 20
        if alone or link or label.match(line):
            out.append(MetaSpan(kind="related", start=m.start(), end=m.end(), text=line))
        heading, links = (True, 0) if alone else (heading and link, links + 1 if link else 0)
    return out
