"""Sidecar metadata files: ``NAME.txt.meta.json`` and ``NAME.meta.json`` beside an input."""

from __future__ import annotations

from pathlib import Path
SIDECAR_SUFFIX = ".meta.json"


def sidecars_of(path: Path) -> list[Path]:
    """The sidecar files that exist for ``path``, the one that wins first.

    ``NAME.txt.meta.json`` (the full file name) names exactly one file and wins over
    ``NAME.meta.json`` (the file name without its extension), which applies to every
    supported file called ``NAME.*``. Only the winner is read; the other is reported."""
    exact = path.with_name(path.name + SIDECAR_SUFFIX)
    stem = path.with_name(path.stem + SIDECAR_SUFFIX)
    return [p for p in (exact, stem) if _is_file(p) and not path.name.endswith(SIDECAR_SUFFIX)]


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long for a sidecar beside it (a 250-byte file name) has none
        return False


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def sidecar_matches(sidecar: Path, supported: set[str]) -> bool:
    """True when a supported input file sits beside ``sidecar`` under either naming form."""
    base = sidecar.name[: -len(SIDECAR_SUFFIX)]
    if not base:
        return False
    exact = sidecar.with_name(base)
    if exact.is_file() and exact.suffix.lower() in supported:
        return True
    return any(sidecar.with_name(base + suffix).is_file() for suffix in supported)


def orphan_reason(sidecar: Path) -> str:
    base = sidecar.name[: -len(SIDECAR_SUFFIX)]
    return (f"metadata file matches no input: expected {base}.txt (or .html, .json, ...) "
            f"or a file named {base} beside it; its metadata is not used")
