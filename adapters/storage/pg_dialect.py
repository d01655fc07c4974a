"""The SQL repositories' statements, written in SQLite's dialect, as PostgreSQL runs them.

Every repository (adapters/storage/*_sqlite.py, sqlite.py, sim_state.py, adapters/core_banking/sqlite.py, ...)
is written once; adapters/storage/pg_connection.py translates each distinct statement once, here, and keeps
the result. The whole dialect difference is this table:

| SQLite                                      | PostgreSQL                                                  |
|---------------------------------------------|-------------------------------------------------------------|
| `?` placeholders (and a literal `%`)        | `%s` (and `%%`)                                              |
| `INSERT OR REPLACE INTO t (cols) VALUES …`   | `INSERT … ON CONFLICT (t's primary key) DO UPDATE SET …`     |
| `INSERT OR IGNORE INTO …`                   | `INSERT … ON CONFLICT DO NOTHING`                            |
| `MAX(a, b)` (the two-argument scalar)       | `GREATEST(a, b)`                                             |
| `strftime('%Y-%m-%dT%H:%M:%fZ', 'now'[, ?])`| `to_char((now() [+ ?::interval]) at time zone 'utc', …)`     |
| `cursor.lastrowid` of an INSERT             | `RETURNING id` on tables whose `id` the database generates   |
| `PRAGMA data_version`                       | the `cache_version` row (migration m0014: triggers move it)  |
| `PRAGMA table_info(t)`                      | information_schema.columns                                   |
| `rowid`                                     | a `rowid` BIGSERIAL column where a list is ordered by it     |
| `BEGIN IMMEDIATE` / `COMMIT` / `ROLLBACK`   | the unit of work of pg_connection.py                         |
| `executemany` of a plain `INSERT … VALUES (?, …)` | `COPY … FROM STDIN` (the journal's batches)           |

A statement this table cannot translate fails loudly (ValueError) rather than running in the wrong dialect.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CONTROL = {"BEGIN IMMEDIATE": "begin", "BEGIN": "begin", "COMMIT": "commit", "ROLLBACK": "rollback"}

_UTC_STAMP = "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'"
_STRFTIME_NOW = re.compile(r"strftime\('%Y-%m-%dT%H:%M:%fZ',\s*'now'\)")
_STRFTIME_SHIFTED = re.compile(r"strftime\('%Y-%m-%dT%H:%M:%fZ',\s*'now',\s*\?\)")
_SCALAR_MAX = re.compile(r"\bMAX\(([^(),]+),([^(),]+)\)")
_REPLACE = re.compile(r"^\s*INSERT OR REPLACE INTO (\w+) \(([^)]*)\)(.*)$", re.DOTALL)
_IGNORE = re.compile(r"^\s*INSERT OR IGNORE INTO ", re.DOTALL)
_INSERT_INTO = re.compile(r"^\s*INSERT INTO (\w+)", re.IGNORECASE)
_PLAIN_INSERT = re.compile(r"^INSERT INTO (\w+) \(([^)]*)\) VALUES \(\s*\?(?:\s*,\s*\?)*\s*\)$")
_TABLE_INFO = re.compile(r"^\s*PRAGMA table_info\((\w+)\)\s*$")
_WRITES = ("INSERT", "UPDATE", "DELETE", "TRUNCATE")


@dataclass(frozen=True)
class Schema:
    """What the translation needs to know of the database: primary keys, and which tables generate `id`."""

    primary_keys: dict[str, tuple[str, ...]]
    generated_ids: frozenset[str]


@dataclass(frozen=True)
class Statement:
    sql: str
    control: str | None = None  # begin | commit | rollback: the unit of work's own statements
    returns_id: bool = False  # RETURNING id appended: the cursor's lastrowid
    writes: bool = False  # counted in the connection's total_changes (adapters/storage/freshness.py)
    copy: str | None = None  # a plain INSERT of placeholders: the COPY that loads a batch of rows faster


def translate(sql: str, schema: Schema) -> Statement:
    """The PostgreSQL form of one SQLite-dialect statement."""
    text = sql.strip().rstrip(";")
    control = CONTROL.get(text.upper())
    if control is not None:
        return Statement(text, control=control)
    if text.upper() == "PRAGMA DATA_VERSION":
        return Statement("SELECT value FROM cache_version WHERE id = 1")
    info = _TABLE_INFO.match(text)
    if info:
        return Statement("SELECT ordinal_position - 1, column_name FROM information_schema.columns "
                         f"WHERE table_schema = current_schema() AND table_name = '{info.group(1)}' "
                         "ORDER BY ordinal_position")
    if text.upper().startswith("PRAGMA"):
        raise ValueError(f"no PostgreSQL form for {text!r}")
    plain = _PLAIN_INSERT.match(text)
    copy = f"COPY {plain.group(1)} ({plain.group(2)}) FROM STDIN" if plain else None
    text = _STRFTIME_SHIFTED.sub(f"to_char((now() + CAST(? AS interval)) at time zone 'utc', {_UTC_STAMP})", text)
    text = _STRFTIME_NOW.sub(f"to_char(now() at time zone 'utc', {_UTC_STAMP})", text)
    text = _SCALAR_MAX.sub(r"GREATEST(\1,\2)", text)
    replace = _REPLACE.match(text)
    if replace:
        text = _upsert(replace.group(1), replace.group(2), replace.group(3), schema)
    elif _IGNORE.match(text):
        text = _IGNORE.sub("INSERT INTO ", text) + " ON CONFLICT DO NOTHING"
    returns_id = False
    insert = _INSERT_INTO.match(text)
    if insert and insert.group(1) in schema.generated_ids and "RETURNING" not in text.upper():
        text += " RETURNING id"
        returns_id = True
    text = text.replace("%", "%%").replace("?", "%s")
    return Statement(text, returns_id=returns_id, writes=text.lstrip().upper().startswith(_WRITES), copy=copy)


def _upsert(table: str, column_list: str, rest: str, schema: Schema) -> str:
    key = schema.primary_keys.get(table)
    if not key:
        raise ValueError(f"INSERT OR REPLACE into {table}, which has no primary key")
    columns = [c.strip() for c in column_list.split(",")]
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c not in key)
    action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    return f"INSERT INTO {table} ({', '.join(columns)}){rest} ON CONFLICT ({', '.join(key)}) {action}"
