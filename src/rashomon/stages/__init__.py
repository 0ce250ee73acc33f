"""Built-in stages. Importing this package registers them; ``DEFAULT_PIPELINE`` is their order."""

from __future__ import annotations

import importlib

# Article (map) stages first, then event (reduce) stages.
DEFAULT_PIPELINE: list[str] = []

_MODULES = (
    "clean",
    "metadata",
    "nlp",
    "attributions",
    "quantities",
    "times",
    "hedges",
    "duplicates",
    "translations",
    "entities",
    "claims",
    "disputes",
    "brief",
)

for _name in _MODULES:
    try:
        _mod = importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as _exc:
        # A stage module not written yet; a missing third-party library is a real error.
        if _exc.name != f"{__name__}.{_name}":
            raise
        continue
    DEFAULT_PIPELINE.extend(getattr(_mod, "DEFAULT", ()))
