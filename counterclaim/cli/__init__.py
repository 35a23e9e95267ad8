"""The ``counterclaim`` command: a thin layer over :class:`counterclaim.Case`.

Each stage's commands live in their own module and attach to :data:`main`.
"""

from __future__ import annotations

from . import (
    ach,  # noqa: F401,E402
    align,  # noqa: F401,E402
    core,  # noqa: F401,E402  (commands attach to main on import)
    evaluate,  # noqa: F401,E402
    report,  # noqa: F401,E402
    techniques,  # noqa: F401,E402
)
from .base import main

__all__ = ["main"]
