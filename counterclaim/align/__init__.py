"""Across sources: align claims, type their relations, group sources by origin.

Importing this package registers the ``align`` case stage and its record types.
See ``docs/alignment.md``.
"""

from .api import Alignment, FigureReport, StanceMatrix
from .records import ClaimCluster, ClaimRelation, OriginGroup, SourceStance
from .stage import AlignInput, align, align_stage

__all__ = ["AlignInput", "Alignment", "ClaimCluster", "ClaimRelation", "FigureReport", "OriginGroup", "SourceStance",
           "StanceMatrix", "align", "align_stage"]
