"""Importing this module registers every built-in stage with the pipeline registry."""

from . import nlp  # noqa: F401
from . import dates, quantities, consistency  # noqa: F401,E402
from . import align  # noqa: F401,E402
from . import claims  # noqa: F401
from .techniques import stage as _techniques  # noqa: F401,E402
from . import hypotheses, ach  # noqa: F401,E402
