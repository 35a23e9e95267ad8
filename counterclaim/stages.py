"""Importing this module registers every built-in stage with the pipeline registry."""

from .document import nlp  # noqa: F401
from .document import dates, quantities, consistency  # noqa: F401,E402
from .across import align  # noqa: F401,E402
from .document import claims  # noqa: F401
from .techniques import stage as _techniques  # noqa: F401,E402
from .attribution import hypotheses  # noqa: F401,E402
from .ach import evidence as ach  # noqa: F401,E402
