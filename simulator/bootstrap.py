"""The composition root: the one place that builds adapters and wires them into the simulator."""
from __future__ import annotations

from adapters.clock import StoredOffsetClock
from adapters.storage.sim_state import SqliteFaultRules, SqliteJournal
from adapters.storage.sqlite import SqliteStore
from simulator.app import World
from simulator.faults import FaultInjector
from simulator.journal import JournalRecorder
from simulator.seed import seed_demo_data
from simulator.settings import Settings


def base_url(settings: Settings, port: int | None = None) -> str:
    host = settings.host if settings.host not in ("0.0.0.0", "::") else "127.0.0.1"
    return f"http://{host}:{port if port is not None else settings.port}"


def prepare_database(settings: Settings) -> None:
    """Migrate and seed the file once, and start from real time: what a (master) process does at start."""
    store = SqliteStore(settings.db)
    seed_demo_data(store, base_url(settings))
    StoredOffsetClock(store.conn).reset()
    store.close()


def build_world(settings: Settings) -> World:
    store = SqliteStore(settings.db)
    clock = StoredOffsetClock(store.conn)
    return World(
        store=store, clock=clock, settings=settings, faults=FaultInjector(SqliteFaultRules(store.conn)),
        journal=JournalRecorder(SqliteJournal(store.conn), clock, settings.journal),
    )
