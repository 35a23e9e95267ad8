"""The ``counterclaim`` command: a thin layer over :class:`counterclaim.Case`.

Each stage's commands live in their own module and attach to :data:`main`.
"""

from __future__ import annotations

from .base import main
from . import core  # noqa: F401,E402  (commands attach to main on import)
from . import report  # noqa: F401,E402
from . import techniques  # noqa: F401,E402
from . import ach  # noqa: F401,E402
from . import align  # noqa: F401,E402
from . import evaluate  # noqa: F401,E402

__all__ = ["main"]
