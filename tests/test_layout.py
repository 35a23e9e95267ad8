"""The package's shape: no import cycle among its modules, no module over 600 lines, no function over 80.

Imports are read from the source with ``ast``, every one of them: those inside functions (they run
as soon as the function does, so they tie modules together as much as top-level ones) and those
under ``if TYPE_CHECKING:`` (a type named in a signature is a dependency too). ``from . import x``
counts as importing module ``x``; a package's own ``__init__`` is not counted as imported by its
submodules (Python initialises it first, whoever imports what).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "counterclaim"
MAX_LINES = 600
MAX_FUNCTION_LINES = 80


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The package modules ``path`` imports (``from . import x`` counts as importing module ``x``)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            submodules = {f"{target}.{a.name}" for a in node.names} & modules
            found |= submodules if len(submodules) == len(node.names) else submodules | {target}
    return {m for m in found if m in modules and m != name}


def import_graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    return {module_name(p): imports_of(p, modules) for p in paths}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle():
    assert cycles(import_graph()) == []


def test_no_module_over_600_lines():
    long = {str(p.relative_to(PACKAGE.parent)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def test_the_graph_sees_function_level_imports():
    graph = import_graph()
    assert "counterclaim.case" in graph["counterclaim"]  # PEP 562 __getattr__ imports Case inside a function


def test_no_function_over_80_lines():
    long = {f"{p.relative_to(PACKAGE.parent)}:{node.name}": n for p in PACKAGE.rglob("*.py")
            for node in ast.walk(ast.parse(p.read_text()))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and (n := node.end_lineno - node.lineno + 1) > MAX_FUNCTION_LINES}
    assert long == {}


# --------------------------------------------------------------------------- knowledge


DEMO = ("crocus", "oakke", "icwp")  # the demo corpus (corpus/crocus-seeds): its event, outlets and documents
DEMO_FITTED = ("Zelinsky", "US imperialists", "Iranian mullahs", "Russian KGB", "Putinist Russia", "has none of",
               "false credence", "working hypothes", "every reason to believe")
OWNED_ELSEWHERE = ("evaluation",)  # counterclaim/evaluation/ reads the shared datasets, the Crocus feed among them


MODEL_ARTEFACTS = ("data/minilm", "data/techniques", "data/checkworthy")  # trained on public datasets


def library_files() -> list[Path]:
    """Code, templates and lexicons of the package."""
    return [p for p in sorted(PACKAGE.rglob("*")) if p.is_file() and p.suffix in (".py", ".json", ".j2", ".tsv")
            and p.relative_to(PACKAGE).parts[0] not in OWNED_ELSEWHERE
            and not str(p.relative_to(PACKAGE)).startswith(MODEL_ARTEFACTS)]


def test_no_library_string_names_the_demo_corpus():
    found = [(str(p.relative_to(PACKAGE)), word) for p in library_files()
             for word in DEMO + DEMO_FITTED if word.lower() in p.read_text(encoding="utf-8").lower()]
    assert found == []


def test_every_lexicon_entry_has_its_source():
    from counterclaim import lexicons

    for path in sorted(lexicons.LEXICON_DIR.glob("*.json")):
        for entry in lexicons.entries(path.stem):
            assert entry.get("source", "").startswith(("news:", "wikipedia:", "wordnet:", "countryinfo:")), (path.name, entry)
            assert not any(word in entry["source"].lower() for word in DEMO), (path.name, entry)


def test_every_news_source_holds_its_entry(shared_data):
    """A "news:" source names a sentence the entry's pattern matches, never one of a test story's texts
    (scripts/attest_lexicons.py finds them and leaves those out)."""
    import sys

    from counterclaim import lexicons

    sys.path.insert(0, str(PACKAGE.parent / "scripts"))
    from attest_lexicons import sentences

    corpus = dict(sentences(shared_data))
    stale = [(path.name, entry["term"]) for path in sorted(lexicons.LEXICON_DIR.glob("*.json"))
             for entry in lexicons.entries(path.stem) if entry["source"].startswith("news:")
             and not lexicons.entry_pattern(entry).search(corpus.get(entry["source"][5:], ""))]
    assert stale == []


def test_importing_the_package_loads_no_model():
    """``import counterclaim.evaluation`` must not pay for spaCy; ``from counterclaim import Case`` still works."""
    import subprocess
    import sys

    code = ("import sys, counterclaim.evaluation, counterclaim.lexicons; assert 'spacy' not in sys.modules; "
            "from counterclaim import Case; assert Case.__name__ == 'Case'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=PACKAGE.parent)
