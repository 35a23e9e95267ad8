"""``case.hypotheses``: reading the hypotheses and stances, and the analyst's edits of them.

Reading never runs a stage; every edit is an audited analyst item, after which the case
refreshes the stages whose inputs changed (hypotheses, then ACH).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..runner import CaseAccess, new_analyst_id
from .actors import normalise
from .hypotheses import COMPONENT
from .records import DocumentStance, Hypothesis


class HypothesisError(ValueError):
    pass


class Hypotheses:
    """``case.hypotheses``: the hypotheses of a case, stances, and the analyst's edits.

    >>> h = case.hypotheses                                  # doctest: +SKIP
    >>> [x.label for x in h.list()]                          # doctest: +SKIP
    >>> h.stance("outlet-2024-05-01", "H1").stance           # doctest: +SKIP
    >>> h.add("Russian state false flag", aliases=["FSB"])   # doctest: +SKIP
    """

    def __init__(self, case: CaseAccess):
        self.case = case

    def list(self, include_inactive: bool = False) -> list[Hypothesis]:
        items = [h for h in self.case.records(Hypothesis.layer) if isinstance(h, Hypothesis)]
        items.sort(key=lambda h: int(h.id[1:]))
        return [h for h in items if include_inactive or h.status == "active"]

    def get(self, hypothesis_id: str) -> Hypothesis:
        for h in self.list(include_inactive=True):
            if h.id == hypothesis_id:
                return h
        raise HypothesisError(f"no hypothesis {hypothesis_id!r}")

    def stances(self, doc_id: str | None = None, hypothesis_id: str | None = None) -> list[DocumentStance]:
        return [s for s in self.case.records(DocumentStance.layer) if isinstance(s, DocumentStance)
                and doc_id in (None, s.doc_id) and hypothesis_id in (None, s.hypothesis_id)]

    def stance(self, doc_id: str, hypothesis_id: str) -> DocumentStance:
        found = self.stances(doc_id, hypothesis_id)
        if not found:
            raise HypothesisError(f"no stance of {doc_id!r} on {hypothesis_id!r} (is the hypothesis active?)")
        return found[0]

    # ------------------------------------------------------------------ analyst edits

    def add(self, label: str, aliases: Iterable[str] = (), *, note: str | None = None) -> Hypothesis:
        """A hypothesis of the analyst's own; ``aliases`` are the names that count as it."""
        aliases = [a.strip() for a in aliases if a.strip()]
        if not label.strip():
            raise HypothesisError("a hypothesis needs a label")
        hid = new_analyst_id(self.case.store, COMPONENT, "H")
        self._put(hid, {"origin": "analyst", "label": label.strip(), "aliases": aliases}, "add", note, 0)
        return self.get(hid)

    def rename(self, hypothesis_id: str, label: str, *, note: str | None = None,
               expected_rev: int | None = None) -> Hypothesis:
        self.get(hypothesis_id)
        if not label.strip():
            raise HypothesisError("a hypothesis needs a label")
        self._change(hypothesis_id, {"label": label.strip()}, "rename", note, expected_rev)
        return self.get(hypothesis_id)

    def drop(self, hypothesis_id: str, *, note: str | None = None, expected_rev: int | None = None) -> None:
        self.get(hypothesis_id)
        self._change(hypothesis_id, {"dropped": True}, "drop", note, expected_rev)

    def merge(self, target: str, *others: str, note: str | None = None) -> Hypothesis:
        """Fold ``others`` into ``target`` (their evidence and names count for it)."""
        if self.get(target).status != "active":
            raise HypothesisError(f"{target} is not active")
        for other in others:
            if other == target:
                raise HypothesisError("cannot merge a hypothesis into itself")
            self.get(other)
        for other in others:
            self._change(other, {"merged_into": target}, "merge", note, None, refresh_after=False)
        self.case.refresh()
        return self.get(target)

    def split(self, hypothesis_id: str, aliases: Iterable[str], label: str | None = None, *,
              note: str | None = None) -> Hypothesis:
        """Move ``aliases`` (names that now count for ``hypothesis_id``) and the evidence naming them out
        into a new hypothesis; one audited edit, so one undo puts them back."""
        source = self.get(hypothesis_id)
        if source.status != "active":
            raise HypothesisError(f"{hypothesis_id} is not active")
        aliases = list(dict.fromkeys(a.strip() for a in aliases if a.strip()))
        if not aliases:
            raise HypothesisError("name at least one alias to split off")
        names = {normalise(n) for n in (*source.aliases, *source.seen)}
        foreign = [a for a in aliases if normalise(a) not in names]
        if foreign:
            raise HypothesisError(f"{', '.join(foreign)}: not a name of {hypothesis_id} "
                                  f"(its names: {', '.join(source.aliases) or 'none'})")
        hid = new_analyst_id(self.case.store, COMPONENT, "H")
        data = {"origin": "analyst", "label": (label or "").strip() or " / ".join(aliases), "aliases": aliases,
                "split_from": hypothesis_id}
        self._put(hid, data, "split", note, 0)
        return self.get(hid)

    def _change(self, hypothesis_id: str, change: dict[str, Any], action: str, note: str | None,
                expected_rev: int | None, refresh_after: bool = True) -> None:
        current = self.case.store.analyst_item("hypothesis", hypothesis_id)
        self._put(hypothesis_id, (current[0] if current else {}) | change, action, note, expected_rev, refresh_after)

    def _put(self, hypothesis_id: str, data: dict[str, Any], action: str, note: str | None,
             expected_rev: int | None, refresh_after: bool = True) -> None:
        self.case.store.put_analyst("hypothesis", hypothesis_id, data, user=self.case.user, action=action, note=note,
                                    expected_rev=expected_rev)
        if refresh_after:
            self.case.refresh()
