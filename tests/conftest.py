"""Fixtures shared by every test layer."""
from __future__ import annotations

from datetime import datetime

import pytest

from adapters.clock import BOGOTA, FixedClock
from adapters.storage.memory import MemoryStore
from simulator.process import SimulatorProcess
from simulator.seed import seed_demo_data

T0 = datetime(2026, 11, 23, 10, 0, 0, tzinfo=BOGOTA)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def memory_store() -> MemoryStore:
    store = MemoryStore()
    seed_demo_data(store)
    return store


@pytest.fixture(scope="session")
def simulator(tmp_path_factory) -> SimulatorProcess:
    """One real `pasarela serve` process on a loopback port for the whole session."""
    db = tmp_path_factory.mktemp("sim") / "pasarela.sqlite3"
    with SimulatorProcess(db) as process:
        yield process
