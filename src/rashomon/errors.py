"""The one exception tree of rashomon.

::

    RashomonError
    ├── ConfigError          bad settings or an impossible stage order
    ├── IngestError          an input that cannot become an article (carries ``source``)
    │   └── InputTooLargeError
    ├── StageError           a stage failed on one article or event (carries ``stage``)
    ├── StoreError           the SQLite store cannot be read or written
    ├── ModelError           a model package is missing or does not match its expected hashes
    └── MissingExtraError    an optional extra is not installed

The library raises; only ``cli.py`` turns these into messages and exit codes.
"""

from __future__ import annotations


class RashomonError(Exception):
    """Base class of every error rashomon raises on purpose."""


class ConfigError(RashomonError):
    """Settings or stage order are invalid."""


class IngestError(RashomonError):
    """An input could not be read as an article.

    Args:
        source: the file path, URL or ``path:line`` that failed.
        reason: what went wrong and, where possible, what to do about it.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class InputTooLargeError(IngestError):
    """An input is over a configured size limit."""


class StageError(RashomonError):
    """A stage failed on one article or event."""

    def __init__(self, stage: str, target: str, reason: str) -> None:
        super().__init__(f"stage {stage!r} failed on {target}: {reason}")
        self.stage = stage
        self.target = target
        self.reason = reason


class StoreError(RashomonError):
    """The store cannot be opened, read or written."""


class ModelError(RashomonError):
    """A model package is missing, or its files differ from what was pinned."""


class MissingExtraError(RashomonError):
    """An optional dependency group is not installed."""
