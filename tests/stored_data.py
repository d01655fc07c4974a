"""What a simulator keeps on disk, read back the way an attacker with the files would: every byte of the
database, the request journal beside it and their WAL files, and every text value SQLite reads from them."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from adapters.storage.journal_sqlite import journal_path


def stored_files(db: Path) -> list[Path]:
    files = [Path(db), journal_path(db)]
    return [p for f in files for p in (f, Path(f"{f}-wal")) if p.exists()]


def stored_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in stored_files(db))


def stored_values(db: Path, skip: tuple[str, ...] = ()) -> list[str]:
    """Every text value of every table of both files (committed WAL pages included), `skip` tables aside."""
    values: list[str] = []
    for path in (Path(db), journal_path(db)):
        if not path.exists():
            continue
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                      if t not in skip]
            values += [v.decode("utf-8", "replace") if isinstance(v, bytes) else v
                       for t in tables for row in conn.execute(f'SELECT * FROM "{t}"') for v in row
                       if isinstance(v, (str, bytes))]  # a CVV would be text; numbers are sequences, amounts
        finally:
            conn.close()
    return values
