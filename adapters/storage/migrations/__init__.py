"""Schema migrations: one module per step, `mNNNN_<area>.py`, applied in name order, for both stores.

A module's `SQL` is SQLite's. Its `POSTGRES`, when the module has one, is PostgreSQL's; without it PostgreSQL
runs `postgres_ddl(SQL)`, the mechanical translation below (the types and the case-insensitive collation are
all the two dialects' DDL differs in, for these tables). A step one store does not need has an empty script
there (m0014 is PostgreSQL's only). Add a table by adding a module with the next number; never edit one that
has shipped.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
from types import ModuleType

# the collation of SQLite's COLLATE NOCASE columns (adapters/storage/pg_store.py creates it before migrating)
NOCASE = "pasarela_nocase"

_DDL = (
    (re.compile(r"\bINTEGER PRIMARY KEY AUTOINCREMENT\b"), "BIGSERIAL PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),  # SQLite's integers are 64-bit (ticket numbers pass 2**31)
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),  # SQLite's REAL is 8 bytes; PostgreSQL's 4
    (re.compile(r"\bCOLLATE NOCASE\b"), f"COLLATE {NOCASE}"),
)


def postgres_ddl(sql: str) -> str:
    """SQLite DDL as PostgreSQL's."""
    for pattern, replacement in _DDL:
        sql = pattern.sub(replacement, sql)
    return sql


def _modules() -> list[tuple[str, ModuleType]]:
    return [(info.name, importlib.import_module(f"{__name__}.{info.name}"))
            for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name) if info.name.startswith("m")]


MIGRATIONS: list[tuple[str, str]] = [(name, module.SQL) for name, module in _modules()]
POSTGRES_MIGRATIONS: list[tuple[str, str]] = [
    (name, getattr(module, "POSTGRES", None) or postgres_ddl(module.SQL)) for name, module in _modules()
]
