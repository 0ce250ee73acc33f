"""The house rules a newcomer relies on, checked on the source tree itself (issue: a house a
newcomer can extend): small functions and modules in the rule core, no reaching into another
module's private names, and every lexicon file loadable and free of repeated entries."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from rashomon import lexicon

SRC = Path(__file__).resolve().parents[1] / "src" / "rashomon"
MAX_FUNCTION_LINES = 80
MAX_MODULE_LINES = 800


def _modules(folder: str) -> list[Path]:
    found = sorted((SRC / folder).rglob("*.py"))
    assert found, f"no modules under {folder}"
    return found


def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def test_functions_in_extract_are_short() -> None:
    long = []
    for path in _modules("extract"):
        for fn in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            length = (fn.end_lineno or fn.lineno) - fn.lineno + 1
            if length > MAX_FUNCTION_LINES:
                long.append(f"{path.relative_to(SRC)}:{fn.lineno} {fn.name} ({length} lines)")
    assert long == []


def test_modules_are_small() -> None:
    big = [f"{p.relative_to(SRC)} ({n} lines)" for p in _modules(".")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES]
    assert big == []


def test_no_module_imports_a_private_name_of_another() -> None:
    offenders = []
    for path in _modules("."):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("rashomon"):
                private = [a.name for a in node.names if a.name.startswith("_")]
                if private:
                    offenders.append(f"{path.relative_to(SRC)}: {node.module} {private}")
            if isinstance(node, ast.ImportFrom) and node.level and any(
                a.name.startswith("_") for a in node.names
            ):
                offenders.append(f"{path.relative_to(SRC)}: relative import of a private name")
    assert offenders == []


def _lexicon_files() -> list[Path]:
    found = sorted(p for p in (SRC / "lexicon").rglob("*") if p.suffix in {".txt", ".toml"})
    assert len(found) >= 10
    return found


@pytest.mark.parametrize("path", _lexicon_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lexicon_file_loads_without_repeats(path: Path) -> None:
    lang, name = path.parent.name, path.stem
    if path.suffix == ".toml":
        assert lexicon.table(name, lang)
        return
    entries = [e.casefold() for e in lexicon.entries(name, lang)]
    assert entries, f"{lang}/{name} is empty"
    repeated = sorted({e for e in entries if entries.count(e) > 1})
    assert repeated == []
