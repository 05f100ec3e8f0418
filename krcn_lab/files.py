"""Writing files safely: all or nothing.

>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "notes.txt"
>>> with atomic_path(path) as temporary:
...     _ = temporary.write_text("saved", encoding="utf-8")
>>> path.read_text(encoding="utf-8")
'saved'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["atomic_path", "write_atomically"]


@contextlib.contextmanager
def atomic_path(path: str | Path):
    """Yield a temporary path next to *path*; move it onto *path* only if the block succeeds.

    A crash, an exception or a full disk leaves either the old file or the new one,
    never half of one, and no temporary file behind.
    """
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        yield Path(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomically(path: str | Path, text: str) -> None:
    """Write *text* (UTF-8) to *path* through :func:`atomic_path`."""
    with atomic_path(path) as temporary:
        temporary.write_bytes(text.encode())  # str.encode is always UTF-8; bytes keep line endings as given
