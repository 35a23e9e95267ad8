"""The built-in pipeline: importing this module registers every stage and checks their order.

Document stages run per document, in this order; case stages run over the whole case after
every document is analysed. Each stage declares what it needs and adds; the check below fails
at import, naming the stage and the missing layer, if the order cannot work.
"""

from .ach import evidence as _ach  # noqa: F401
from .across import align as _align  # noqa: F401
from .across import consistency as _cross_consistency  # noqa: F401
from .attribution import hypotheses as _hypotheses  # noqa: F401
from .document import claims as _claims  # noqa: F401
from .document import consistency as _consistency  # noqa: F401
from .document import dates as _dates  # noqa: F401
from .document import nlp as _nlp  # noqa: F401
from .document import quantities as _quantities  # noqa: F401
from .pipeline import registry
from .techniques import stage as _techniques  # noqa: F401

DOCUMENT_STAGES = ["nlp", "dates", "quantities", "claims", "consistency", "techniques"]
CASE_STAGES = ["align", "cross_consistency", "hypotheses", "ach"]

registry.check(DOCUMENT_STAGES + CASE_STAGES)


def versions(upto: str) -> dict[str, str]:
    """The versions of the stages up to and including ``upto``, in pipeline order: what a table measured on
    that stage's output depends on (stored with the calibration tables, checked by the tests)."""
    names = DOCUMENT_STAGES + CASE_STAGES
    return {name: registry.get(name).version for name in names[:names.index(upto) + 1]}
