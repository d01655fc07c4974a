"""One contract per port, run against every store (memory, SQLite; later others): add a store to STORES and
every test runs on it.

Three families of stores, one list each (a new backend is one line in each list it implements):

- STORES: the simulator's store (ports/store.py SimulatorStore: every context's repositories, `ids` and
  `transaction()`), used by test_gateway_/test_ach_/test_network_/test_unit_of_work_repositories_contract.py;
- RECAUDO_STORES: the recaudo portal's repositories and the sonda's lease (ports/recaudo_repository.py,
  ports/sonda_lock.py), used by test_recaudo_repositories_contract.py;
- CORE_BANKINGS: the CoreBanking port (ports/core_banking.py), used by test_core_banking_contract.py.

A test that shows a real disagreement between stores marks only the store that breaks the port's promise with
`disagreeing(...)`: a strict xfail, so the mark must go once the adapter is fixed.
"""
from __future__ import annotations

import atexit
import functools
import pickle
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable

import pytest

from adapters.core_banking.memory import MemoryCoreBanking
from adapters.core_banking.seed import fixed_associates
from adapters.core_banking.sqlite import SqliteCoreBanking
from adapters.storage.memory import MemoryStore
from adapters.storage.recaudo_memory import MemoryPortalPayments, MemoryRecaudoSessions, MemorySondaLock
from adapters.storage.recaudo_sqlite import SqlitePortalPayments, SqliteRecaudoSessions, SqliteSondaLock
from adapters.storage.pg_store import PostgresStore, connect_postgres, data_tables
from adapters.storage.sqlite import SqliteStore, connect
from domain.recaudo.associate import Associate
from tests.postgres_server import needs_postgres, shared_server
from tests.stored_data import stored_bytes

TODAY = date(2026, 11, 23)  # the day of tests/conftest.py's T0


# -- the simulator's store ---------------------------------------------------------------------------

@dataclass(frozen=True)
class StoreKind:
    name: str
    make: Callable[[Path], Any]  # a fresh, empty store; the folder is the test's own tmp_path
    kept: Callable[[Any], bytes]  # every byte the store holds (to prove what it never keeps)


@functools.cache
def _migrated_template() -> Path:
    """An empty database with every migration applied, made once: migrating a new file costs ~35 ms (the WAL
    switch and ten migrations), copying this one ~1 ms, which keeps the contract suite within its seconds."""
    folder = Path(tempfile.mkdtemp(prefix="contract-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    SqliteStore(folder / "empty.sqlite3").close()  # a clean close leaves no WAL: the file is the whole database
    return folder / "empty.sqlite3"


def fresh_sqlite_file(folder: Path, name: str) -> Path:
    """`folder/name`: an empty, fully migrated SQLite file (SqliteStore/connect open it as they would any)."""
    path = folder / name
    shutil.copyfile(_migrated_template(), path)
    return path


def _sqlite_bytes(store: SqliteStore) -> bytes:
    return stored_bytes(Path(store.path))  # the file and its WAL: committed pages not yet checkpointed too


@functools.cache
def _contract_database() -> str:
    """One migrated database on the session's server (tests/postgres_server.py), emptied before each test."""
    return shared_server().create_database("contract")


def fresh_postgres_url() -> str:
    """The contract database, every table empty (ids restarted) and the shared state row as a new one has it."""
    url = _contract_database()
    conn = connect_postgres(url, max_size=1)
    try:
        tables = data_tables(conn, {"schema_migrations", "sim_state", "cache_version"})
        with conn.raw() as raw:
            raw.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY")
            raw.execute("UPDATE sim_state SET clock_offset = 0, config_version = 0")
    finally:
        conn.close()
    return url


def _postgres_bytes(store: PostgresStore) -> bytes:
    """Every row of every table, as PostgreSQL prints it."""
    with store.conn.raw() as raw:
        return b"\n".join(str(row[0]).encode() for table in data_tables(store.conn, set())
                          for row in raw.execute(f"SELECT t::text FROM {table} t"))


STORES: list[StoreKind] = [
    StoreKind("memory", lambda folder: MemoryStore(), pickle.dumps),
    StoreKind("sqlite", lambda folder: SqliteStore(fresh_sqlite_file(folder, "store.sqlite3")), _sqlite_bytes),
    StoreKind("postgres", lambda folder: PostgresStore(fresh_postgres_url(), max_size=2), _postgres_bytes),
]

MARKS = {"postgres": needs_postgres}  # a kind's marks, wherever it is a parameter


def _close(thing: Any) -> None:
    close = getattr(thing, "close", None)
    if close is not None:
        close()


def disagreeing(kinds: list, reason: str, **broken: str) -> list:
    """Every kind of `kinds` as a parameter; those named in `broken` (name=adapter file:line) as strict xfails."""
    unknown = set(broken) - {kind.name for kind in kinds}
    assert not unknown, f"no store named {unknown}"
    return [pytest.param(kind, id=kind.name,
                         marks=[*MARKS.get(kind.name, []),
                                *([pytest.mark.xfail(strict=True, reason=f"{reason} ({broken[kind.name]})")]
                                  if kind.name in broken else [])])
            for kind in kinds]


def params(kinds: list) -> list:
    return [pytest.param(kind, id=kind.name, marks=MARKS.get(kind.name, [])) for kind in kinds]


@pytest.fixture(params=params(STORES))
def store_kind(request) -> StoreKind:
    return request.param


@pytest.fixture
def store(store_kind, tmp_path):
    """A fresh, empty SimulatorStore of each kind."""
    made = store_kind.make(tmp_path)
    yield made
    _close(made)


# -- the recaudo portal's repositories -------------------------------------------------------------------

@dataclass
class Recaudo:
    """The portal's repositories on one backend, and the time its sonda lease runs on (seconds)."""

    sessions: Any
    payments: Any
    lock: Any
    advance: Callable[[float], None]  # move the lease's time forward
    close: Callable[[], None] = lambda: None


def _memory_recaudo(folder: Path) -> Recaudo:
    lock = MemorySondaLock()

    def advance(seconds: float) -> None:
        lock.now += seconds

    return Recaudo(MemoryRecaudoSessions(), MemoryPortalPayments(), lock, advance)


def _sqlite_recaudo(folder: Path) -> Recaudo:
    conn = connect(fresh_sqlite_file(folder, "portal.sqlite3"))
    now = [1_000_000.0]

    def advance(seconds: float) -> None:
        now[0] += seconds

    return Recaudo(SqliteRecaudoSessions(conn), SqlitePortalPayments(conn), SqliteSondaLock(conn, lambda: now[0]),
                   advance, conn.close)


@dataclass(frozen=True)
class RecaudoKind:
    name: str
    make: Callable[[Path], Recaudo]


def _postgres_recaudo(folder: Path) -> Recaudo:
    conn = connect_postgres(fresh_postgres_url(), max_size=2)
    now = [1_000_000.0]

    def advance(seconds: float) -> None:
        now[0] += seconds

    return Recaudo(SqliteRecaudoSessions(conn), SqlitePortalPayments(conn), SqliteSondaLock(conn, lambda: now[0]),
                   advance, conn.close)


RECAUDO_STORES: list[RecaudoKind] = [
    RecaudoKind("memory", _memory_recaudo),
    RecaudoKind("sqlite", _sqlite_recaudo),
    RecaudoKind("postgres", _postgres_recaudo),
]


@pytest.fixture(params=params(RECAUDO_STORES))
def recaudo_kind(request) -> RecaudoKind:
    return request.param


@pytest.fixture
def recaudo(recaudo_kind, tmp_path) -> Recaudo:
    made = recaudo_kind.make(tmp_path)
    yield made
    made.close()


# -- the core banking ---------------------------------------------------------------------------------------

def _sqlite_core(folder: Path, associates: list[Associate]) -> tuple[SqliteCoreBanking, Callable[[], None]]:
    conn = connect(fresh_sqlite_file(folder, "core.sqlite3"))
    core = SqliteCoreBanking(conn)
    with core.transaction():
        for associate in associates:
            core.add_associate(associate)
    return core, conn.close


@dataclass(frozen=True)
class CoreKind:
    name: str
    # a core that knows these associates (their products at the default balances), and how to close it
    make: Callable[[Path, list[Associate]], tuple[Any, Callable[[], None]]]


def _postgres_core(folder: Path, associates: list[Associate]) -> tuple[SqliteCoreBanking, Callable[[], None]]:
    conn = connect_postgres(fresh_postgres_url(), max_size=2)
    core = SqliteCoreBanking(conn)
    with core.transaction():
        for associate in associates:
            core.add_associate(associate)
    return core, conn.close


CORE_BANKINGS: list[CoreKind] = [
    CoreKind("memory", lambda folder, associates: (MemoryCoreBanking(associates), lambda: None)),
    CoreKind("sqlite", _sqlite_core),
    CoreKind("postgres", _postgres_core),
]


@pytest.fixture
def associates() -> list[Associate]:
    """The fixed associates every seeded core has (adapters/core_banking/seed.py): Nick and his products, an
    associate without products, one of an entity that does not collect, one without contact points."""
    return [associate for associate, _ in fixed_associates(TODAY)]


@pytest.fixture(params=params(CORE_BANKINGS))
def core_kind(request) -> CoreKind:
    return request.param


@pytest.fixture
def core_banking(core_kind, tmp_path, associates):
    core, close = core_kind.make(tmp_path, associates)
    yield core
    close()

