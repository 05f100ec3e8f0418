"""The one place where the package keeps what it has computed.

Loaders cache the tables they build from files. Each cache entry is keyed by
the call's arguments *and* a stamp of the files it was built from (their
names, sizes and modification times), so a CSV file edited in a running
notebook is read again on the next call, and nothing ever has to clear a cache
behind a notebook's back. Callers get a copy of what is cached, so changing
a returned table never changes the next one.

Example
-------
>>> calls = []
>>> @cached(key=lambda n: (n,))
... def square(n):
...     calls.append(n)
...     return [n * n]
>>> square(3), square(3), calls
([9], [9], [3])
"""

from __future__ import annotations

import functools
import os
from collections import OrderedDict
from pathlib import Path

__all__ = ["cached", "clear_all", "folder_stamp"]

#: How many results each cached function keeps (different folders, different file versions).
MAX_ENTRIES = 8

_STORES: list[OrderedDict] = []


def folder_stamp(folder) -> tuple:
    """Name, size and modification time of every file in *folder*; () when it is not a real folder.

    >>> folder_stamp("/no/such/folder")
    ()
    """
    if not isinstance(folder, (str, Path)):
        return ()  # a resource inside a zip: it cannot change while the package is imported
    try:
        with os.scandir(folder) as entries:
            stats = [(entry.name, entry.stat()) for entry in entries if entry.is_file()]
    except OSError:
        return ()
    return tuple(sorted((name, st.st_size, st.st_mtime_ns) for name, st in stats))


def cached(key):
    """Decorate a function so that its result is kept per ``key(*args)``, and copied on the way out.

    *key* takes the same arguments as the function and returns something hashable that
    changes whenever the result would (include :func:`folder_stamp` of the files read).
    """

    def decorate(build):
        store: OrderedDict = OrderedDict()
        _STORES.append(store)

        @functools.wraps(build)
        def call(*args):
            stamp = key(*args)
            if stamp in store:
                store.move_to_end(stamp)
            else:
                store[stamp] = build(*args)
                while len(store) > MAX_ENTRIES:
                    store.popitem(last=False)
            value = store[stamp]
            return value.copy() if hasattr(value, "copy") else value

        call.cache_clear = store.clear
        return call

    return decorate


def clear_all() -> None:
    """Forget everything cached (never needed after editing a file; useful to time a cold load)."""
    for store in _STORES:
        store.clear()
