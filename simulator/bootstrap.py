"""The composition root: the one place that builds adapters and wires them into the simulator."""
from __future__ import annotations

from adapters.clock import ShiftableClock
from adapters.storage.sqlite import SqliteStore
from simulator.app import World
from simulator.seed import seed_demo_data
from simulator.settings import Settings


def base_url(settings: Settings, port: int | None = None) -> str:
    host = settings.host if settings.host not in ("0.0.0.0", "::") else "127.0.0.1"
    return f"http://{host}:{port if port is not None else settings.port}"


def build_world(settings: Settings) -> World:
    store = SqliteStore(settings.db)
    seed_demo_data(store, base_url(settings))
    return World(store=store, clock=ShiftableClock(), settings=settings)
