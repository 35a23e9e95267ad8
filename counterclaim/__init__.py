"""counterclaim: a workbench for contested events."""

__version__ = "0.1.0"

from .case import Case  # noqa: E402

__all__ = ["Case", "__version__"]
