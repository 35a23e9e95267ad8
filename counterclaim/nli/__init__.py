"""The learned relation and stance models: "same proposition? opposite?" and document stance.

Trained by ``scripts/train_relation.py`` and ``scripts/train_stance.py`` on public data; at
run time they need only numpy, onnxruntime and the int8 MiniLM encoder (no torch, no pickle).
"""

from .relation import relate
from .stance import stance

__all__ = ["relate", "stance"]
