"""Manifests (``sources.csv`` / ``sources.json`` beside the files) that override declared metadata.

A manifest maps a file to ``outlet``, ``url``, ``published``, ``author``, ``title`` and
``language``. Entries match a file by its path relative to the manifest's folder (``sub/a.txt``)
or by its bare name (``a.txt``); ``feeds.jsonl:2`` or ``crawl.warc.gz#record-5`` address a single
article of a multi-article file. Blank values override nothing.

CSV: a header row with a ``file`` column (or ``path``/``filename``) and any of the fields::

    file,outlet,url,published,author
    harbour.txt,The Harbour Courier,https://harbour.example/a,2025-06-11,Tomas Reyes

JSON: a list of objects with ``file``, or an object mapping file names to objects::

    {"harbour.txt": {"outlet": "The Harbour Courier", "published": "2025-06-11"}}
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..config import Limits
from ..errors import IngestError
from ..model import Article, Failure
from ._common import META_FIELDS, clean_meta
from ._files import read_file
from .links import link_outside, outside_reason
from .text import decode_bytes

MANIFEST_NAMES = ("sources.csv", "sources.json")
_FILE_KEYS = ("file", "path", "filename")


@dataclass(frozen=True, slots=True)
class Manifest:
    """One parsed manifest file."""

    path: Path
    entries: dict[str, dict[str, str]]  # normalised relative path -> field overrides

    @property
    def folder(self) -> Path:
        """The folder the manifest describes."""
        return self.path.parent

    def lookup(self, file: Path, suffix: str = "") -> dict[str, str] | None:
        """Overrides for ``file`` (an article ``suffix`` like ``:2`` first), or ``None``."""
        rel = _norm(os.path.relpath(os.path.abspath(file), os.path.abspath(self.folder)))
        for key in (
            (rel + suffix, file.name + suffix, rel, file.name) if suffix else (rel, file.name)
        ):
            if key in self.entries:
                return self.entries[key]
        return None


def _norm(key: str) -> str:
    key = key.strip().replace("\\", "/")
    while key.startswith("./"):
        key = key[2:]
    return key


def _fields(row: dict[str, Any], where: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in META_FIELDS:
        value = clean_meta(row.get(name), field=name, where=where)
        if value:
            out[name] = value
    return out


def load_manifest(path: Path, limits: Limits) -> Manifest:
    """Parse a ``sources.csv`` or ``sources.json`` file.

    Raises:
        IngestError: unreadable or malformed (the reason says where).
    """
    source = str(path)
    data = read_file(path, source, limits)
    text = decode_bytes(data, source=source) if data.strip() else ""
    entries: dict[str, dict[str, str]] = {}
    if path.suffix.lower() == ".csv":
        try:
            reader = csv.DictReader(io.StringIO(text, newline=""))
            header = [h.strip().lower() for h in (reader.fieldnames or [])]
            reader.fieldnames = header
            key = next((k for k in _FILE_KEYS if k in header), None)
            if key is None:
                raise IngestError(
                    source,
                    f"no 'file' column (the header has: {', '.join(header) or 'nothing'})",
                )
            for n, row in enumerate(reader, 2):
                name = (row.get(key) or "").strip()
                if name:
                    entries[_norm(name)] = _fields(row, f"{source}:{n}")
        except csv.Error as exc:
            raise IngestError(source, f"malformed CSV: {exc}") from None
        return Manifest(path, entries)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(
            source, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    if isinstance(value, dict):
        items = [
            {"file": k, **v} if isinstance(v, dict) else {"file": k, "_bad": v}
            for k, v in value.items()
        ]
    elif isinstance(value, list):
        items = value
    else:
        raise IngestError(source, "expected a list of objects or an object keyed by file name")
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict) or "_bad" in item:
            raise IngestError(source, f"entry {i} is not an object")
        name = next((item[k] for k in _FILE_KEYS if isinstance(item.get(k), str)), None)
        if not name:
            raise IngestError(source, f"entry {i} has no 'file'")
        entries[_norm(name)] = _fields(item, source)
    return Manifest(path, entries)


class ManifestIndex:
    """Finds and caches the manifests of folders; each malformed one is reported once."""

    def __init__(self, limits: Limits) -> None:
        self._limits = limits
        self._cache: dict[str, tuple[Manifest, ...]] = {}

    def load(self, folder: Path, *, inside: str | None = None) -> list[Failure]:
        """Read the manifests in ``folder`` (once); return failures for malformed ones.

        Args:
            folder: the folder.
            inside: when given, a real path: a manifest that is a symbolic link leading
                outside it is refused, not read.
        """
        key = os.path.abspath(folder)
        if key in self._cache:
            return []
        found: list[Manifest] = []
        failures: list[Failure] = []
        for name in MANIFEST_NAMES:
            path = folder / name
            if not path.is_file():
                continue
            if inside is not None and (target := link_outside(path, inside)) is not None:
                failures.append(Failure(source=str(path), reason=outside_reason(target)))
                continue
            try:
                found.append(load_manifest(path, self._limits))
            except IngestError as exc:
                failures.append(
                    Failure(
                        source=str(path),
                        reason=f"malformed manifest: {exc.reason}; the files are read without it",
                    )
                )
        # sources.json is listed last, so it is checked first and wins over sources.csv.
        self._cache[key] = tuple(reversed(found))
        return failures

    def apply(self, article: Article, file: Path, file_source: str, root: Path | None) -> Article:
        """Override ``article``'s metadata from the nearest manifest that names ``file``.

        Args:
            article: an article read from ``file``.
            file: the file it came from.
            file_source: the file's own source string (to find the ``:LINE`` suffix).
            root: the folder the user named, searched up to (inclusive); ``None`` for a file
                named directly, whose own folder is the only one searched.
        """
        suffix = (
            article.source[len(file_source) :] if article.source.startswith(file_source) else ""
        )
        folder = file.parent
        stop = os.path.abspath(root if root is not None else folder)
        while True:
            self.load(folder)
            for manifest in self._cache.get(os.path.abspath(folder), ()):
                found = manifest.lookup(file, suffix)
                if found is not None:
                    return replace(article, **found) if found else article
            if os.path.abspath(folder) == stop or folder.parent == folder:
                return article
            folder = folder.parent
