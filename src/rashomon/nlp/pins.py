"""Check model packages against the file hashes pinned when rashomon was released.

A model is code-adjacent data: a tampered or half-installed package would silently change
every finding. ``verify_package`` hashes the package's files and compares them with
``data/model_hashes.json`` (written by ``scripts/pin_model_hashes.py``).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
from pathlib import Path

from rashomon.errors import ModelError

HASHES_PATH = Path(__file__).parents[1] / "data" / "model_hashes.json"


def package_files(package: str) -> dict[str, str]:
    """Return ``{relative path: sha256}`` for every file of an installed package.

    Raises:
        ModelError: the package is not installed.
    """
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"model package {package!r} is not installed")
    root = Path(next(iter(spec.submodule_search_locations)))
    out: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            out[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def pinned_hashes() -> dict[str, dict[str, str]]:
    """The pinned hashes, by package import name."""
    data: dict[str, dict[str, str]] = json.loads(HASHES_PATH.read_text(encoding="utf-8"))
    return data


@functools.lru_cache(maxsize=8)
def verify_package(package: str) -> None:
    """Raise unless ``package``'s files match the pinned hashes (no-op for unpinned packages).

    Raises:
        ModelError: a file differs, is missing or was added; the message names it and the fix.
    """
    expected = pinned_hashes().get(package)
    if expected is None:
        return
    actual = package_files(package)
    changed = [p for p in sorted(expected) if actual.get(p, expected[p]) != expected[p]]
    problems = [f"{p} differs" for p in changed]
    problems += [f"{p} is missing" for p in sorted(set(expected) - set(actual))]
    problems += [f"{p} is unexpected" for p in sorted(set(actual) - set(expected))]
    if problems:
        raise ModelError(
            f"model package {package!r} does not match its pinned hashes ({'; '.join(problems[:5])}"
            f"{'; ...' if len(problems) > 5 else ''}); reinstall it with `make clean && make test`"
        )
