"""A small rule layer for comparisons with Hitler, the Nazis and Stalin (Reductio ad hitlerum).

The PTC corpus has only 72 training spans of its merged Bandwagon/Reductio class, too few
for the linear model to learn the comparison itself. These patterns name the comparison
(a *new* Hitler, Hitler-*like*, Hitlerite, Stalinist, *compared to* Nazi Germany), not a bare
mention of Hitler, so history reporting is mostly left alone. Their precision on train is the
confidence they carry; their effect on dev is reported with and without them
(docs/techniques.md).
"""

from __future__ import annotations

import re

from .scorer import merge_spans

RULE_TECHNIQUE = "Bandwagon,Reductio_ad_hitlerum"
RULES_VERSION = "hitler-rules-1"

_HATED = r"(?:hitler|nazi\w*|goebbels|gestapo|third\s+reich|f[üu]hrer|stalin|holocaust|vichy)"
PATTERNS: tuple[re.Pattern[str], ...] = tuple(re.compile(p, re.I) for p in (
    # "the new Hitler", "a modern-day Hitler", "another Stalin"
    rf"\b(?:the|a|an)\s+(?:new|modern(?:-day)?|latest|next|second|another|little|budding|wannabe|would-be)\s+{_HATED}\b",
    # "Hitler-type imperialism", "Nazi-like tactics", "Hitler's like rage", "Gestapo like police state"
    rf"\b{_HATED}(?:['’]s)?[\s-]*(?:type|like|style|esque)\b",
    # "Hitlerite(s)", "new-Hitlerite", "Stalinist statements", "fascistic manner"
    r"\b(?:[\w-]+-)?(?:hitlerite|hitlerites|hitlerism|stalinist|stalinism|fascistic)\b",
    # "like Hitler", "worse than the Nazis", "reminiscent of Nazi Germany", "compared ... to Nazi Germany"
    rf"\b(?:like|than|as|of|to|reminiscent\s+of|echoes\s+of|straight\s+out\s+of|comparable\s+to|call(?:s|ed)?\s+(?:me|him|her|them|us))\s+(?:the\s+)?{_HATED}(?:\s+germany)?",
    # "neo-Nazi", "feminazi"
    r"\b(?:neo-?nazi\w*|\w+nazis?)\b",
))


def find(text: str) -> list[tuple[int, int]]:
    """Character spans of Hitler/Nazi comparisons, overlapping matches merged."""
    return merge_spans((m.start(), m.end()) for p in PATTERNS for m in p.finditer(text))
