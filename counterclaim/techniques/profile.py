"""Technique profiles of a case: which persuasion techniques each source leans on, and how densely."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..model import Technique
from ..runner import CaseAccess
from .shown import is_shown


@dataclass
class SourceProfile:
    source: str
    documents: list[str] = field(default_factory=list)
    words: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[Technique]] = field(default_factory=lambda: defaultdict(list))

    def density(self, technique: str) -> float:
        """Findings per 1,000 words."""
        return 1000 * self.counts[technique] / self.words if self.words else 0.0

    def top(self, n: int = 3) -> list[tuple[str, int]]:
        return self.counts.most_common(n)

    def as_dict(self, examples: int = 2) -> dict:
        return {
            "source": self.source, "documents": self.documents, "words": self.words, "total": sum(self.counts.values()),
            "techniques": {t: {"count": c, "per_1000_words": round(self.density(t), 2)} for t, c in self.counts.most_common()},
            "top": [{"technique": t, "count": c,
                     "examples": [{"id": x.id, "text": x.text, "confidence": x.confidence}
                                  for x in self.examples[t][:examples]]} for t, c in self.top()],
        }


def findings(case: CaseAccess, doc_id: str | None = None, min_confidence: float | None = None) -> list[Technique]:
    """The case's technique findings (analyst corrections applied): those shown by default (measured on real
    news, :mod:`.shown`), or those at or above an explicit ``min_confidence``."""
    items = [t for t in case.annotations("technique", doc_id) if isinstance(t, Technique)]
    return [t for t in items if is_shown(t, min_confidence)]


def profile(case: CaseAccess, min_confidence: float | None = None) -> list[SourceProfile]:
    """One profile per source (the outlet, else the document id), in document order."""
    by_source: dict[str, SourceProfile] = {}
    for doc in case.documents():
        source = doc.outlet or doc.id
        prof = by_source.setdefault(source, SourceProfile(source))
        prof.documents.append(doc.id)
        prof.words += len(doc.text.split())
        for t in sorted(findings(case, doc.id, min_confidence), key=lambda t: -(t.confidence or 0.0)):
            prof.counts[t.technique] += 1
            prof.examples[t.technique].append(t)
    return list(by_source.values())
