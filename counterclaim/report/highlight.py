"""Cut an immutable text into runs at annotation offsets, for highlighting.

Spans may overlap or nest (a figure inside a claim inside a quoted speaker's
sentence). Rather than nesting markup, the text is split at every span
boundary into flat runs; each run lists every span covering it, so the
template can colour it by all of them and link it to the innermost one. The
runs are plain strings: the template escapes them like any other text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

# Which layer wins the link when several cover a run: the most specific finding.
PRIORITY = {"quantity": 0, "date": 1, "warning": 2, "speaker": 3, "technique": 4, "claim": 5}


@dataclass(frozen=True)
class Span:
    """One highlight: ``kind`` picks its colour, ``id`` its anchor and finding card."""

    start: int
    end: int
    kind: str
    id: str
    label: str = ""


@dataclass
class Run:
    text: str
    spans: list[Span] = field(default_factory=list)
    starts: list[Span] = field(default_factory=list)  # spans that begin here (anchors go here)

    @property
    def kinds(self) -> list[str]:
        return sorted({s.kind for s in self.spans}, key=lambda k: PRIORITY.get(k, 9))

    @property
    def primary(self) -> Span | None:
        """The span a click on this run should open: the most specific kind, then the narrowest."""
        if not self.spans:
            return None
        return min(self.spans, key=lambda s: (PRIORITY.get(s.kind, 9), s.end - s.start, s.id))


def runs(text: str, spans: list[Span]) -> list[Run]:
    """Split ``text`` at every span boundary; spans outside the text are clipped, empty ones dropped."""
    n = len(text)
    clipped = sorted(
        (Span(max(0, s.start), min(n, s.end), s.kind, s.id, s.label) for s in spans if min(n, s.end) > max(0, s.start)),
        key=lambda s: (s.start, -s.end, s.id),
    )
    bounds = sorted({0, n, *(s.start for s in clipped), *(s.end for s in clipped)})
    out: list[Run] = []
    active: list[Span] = []
    i = 0
    for a, b in pairwise(bounds):
        active = [s for s in active if s.end > a]
        starting = []
        while i < len(clipped) and clipped[i].start == a:
            starting.append(clipped[i])
            i += 1
        active.extend(starting)
        out.append(Run(text[a:b], list(active), starting))
    return out


_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def anchor(annotation_id: str, prefix: str = "ann") -> str:
    """An HTML id for an annotation id ("doc/q12-15" -> "ann-doc_2fq12-15"); reversible, so never colliding."""
    return f"{prefix}-" + _UNSAFE.sub(lambda m: "_" + "".join(f"{b:02x}" for b in m.group().encode()), annotation_id.replace("_", "__"))
