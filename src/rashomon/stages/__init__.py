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
    "sourcing",
    "disputes",
    "framing",
    "timeline",
    "brief",
)

for _name in _MODULES:
    _mod = importlib.import_module(f"{__name__}.{_name}")
    DEFAULT_PIPELINE.extend(getattr(_mod, "DEFAULT", ()))
