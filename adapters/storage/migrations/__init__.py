"""Schema migrations: one module per step, `mNNNN_<area>.py` with a `SQL` string, applied in name order.

Add a table by adding a module with the next number; never edit one that has shipped.
"""
from __future__ import annotations

import importlib
import pkgutil

MIGRATIONS: list[tuple[str, str]] = [
    (info.name, importlib.import_module(f"{__name__}.{info.name}").SQL)
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name)
    if info.name.startswith("m")
]
