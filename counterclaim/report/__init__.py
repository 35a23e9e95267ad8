"""The self-contained HTML report: one file, opens offline, no network requests."""

from .render import render_report, write_report
from .view import CaseView

__all__ = ["CaseView", "render_report", "write_report"]
