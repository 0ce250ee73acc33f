"""Symbolic links that lead out of the folder the user named.

A folder of inputs may hold links; one that points outside it (``leak.txt -> /etc/passwd``)
would make rashomon read, analyse and publish in its report a file the user never chose. Such
links are refused by default, each reported with its name and target; ``--follow-symlinks``
(:attr:`~rashomon.config.Limits.follow_symlinks`) reads them. A file named directly is read
wherever its link leads: the user chose it.
"""

from __future__ import annotations

import os
from pathlib import Path

from rashomon.ingest.names import display_name

__all__ = ["link_outside", "outside_reason"]


def link_outside(path: Path, inside: str) -> str | None:
    """Where ``path`` leads when it is a symbolic link out of the folder ``inside``, else None.

    Args:
        path: a folder entry.
        inside: the real path (``os.path.realpath``) of the folder the user named.
    """
    if not path.is_symlink():
        return None
    target = os.path.realpath(path)
    if target == inside or target.startswith(inside.rstrip(os.sep) + os.sep):
        return None
    return target


def outside_reason(target: str) -> str:
    """The reason given for a refused link."""
    return (f"symbolic link to {display_name(target)}, outside the input folder; not followed "
            "(--follow-symlinks reads it)")
