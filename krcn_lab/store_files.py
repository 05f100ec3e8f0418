"""How the user store writes a state: the files of a complete state, its name, and the sweeping of leftovers.

:mod:`krcn_lab.store` builds each new state in a ``.staging-*`` folder with :func:`write_state`,
names it ``state-<hash>`` by :func:`folder_digest` (so equal states get equal names, and adding
then removing an article restores the store byte for byte), and calls :func:`sweep` before a
change to delete what an interrupted one left behind. The layout is that of :mod:`krcn_lab.userdata`.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("x")
>>> folder_digest(folder) == folder_digest(folder), len(folder_digest(folder))
(True, 16)
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd

from . import files, userdata
from .tables import TABLES

__all__ = ["STAGING", "STATE", "write_state", "folder_digest", "sweep"]

#: The name prefixes of a state being written and of a complete state.
STAGING, STATE = ".staging-", "state-"


def write_state(folder: Path, tables: dict[str, pd.DataFrame], texts: dict[str, str]) -> None:
    """Write a complete state: every user table (header only when empty) and every article text."""
    (folder / userdata.TEXTS).mkdir()
    for name in userdata.USER_TABLES:
        frame = tables[name][list(TABLES[name].columns)]
        files.write_atomically(folder / TABLES[name].file, frame.to_csv(index=False, lineterminator="\n"))
    for file, text in sorted(texts.items()):
        files.write_atomically(folder / userdata.TEXTS / file, text)


def folder_digest(folder: Path) -> str:
    """A hash of every file in *folder* (names and bytes): equal states get equal names."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def sweep(root: Path, keep: Path | None) -> None:
    """Delete what an interrupted change left behind: staging folders and states that CURRENT does not name."""
    for entry in root.iterdir():
        stale = entry.name.startswith((STAGING, STATE)) and entry != keep
        if stale and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(f".{userdata.POINTER}.") and entry.is_file():
            entry.unlink(missing_ok=True)
