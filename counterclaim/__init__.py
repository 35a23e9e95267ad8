"""counterclaim: a workbench for contested events.

Importing the package loads nothing heavy: ``Case`` (and with it spaCy and every stage) is imported on
first use (PEP 562), so ``import counterclaim.evaluation`` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from .case import Case
    from .nli import relate, stance

__all__ = ["Case", "relate", "stance", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "Case":
        from .case import Case

        return Case
    if name in ("relate", "stance"):
        from . import nli

        return getattr(nli, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
