"""Fixtures shared by every test layer."""
from __future__ import annotations

from datetime import datetime

import pytest

from adapters.clock import BOGOTA, FixedClock
from adapters.storage.memory import MemoryStore
from simulator.bootstrap import Simulator, bootstrap
from simulator.process import SimulatorProcess

T0 = datetime(2026, 11, 23, 10, 0, 0, tzinfo=BOGOTA)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def simulated(clock: FixedClock) -> Simulator:
    """The whole simulated world on fakes, built by the composition root: every demo seed, ACH, the handlers."""
    return bootstrap(store=MemoryStore(), clock=clock, seed=True)


@pytest.fixture
def memory_store(simulated: Simulator) -> MemoryStore:
    """The simulated world's seeded memory store."""
    store = simulated.world.store
    assert isinstance(store, MemoryStore)
    return store


@pytest.fixture(scope="session")
def simulator(tmp_path_factory) -> SimulatorProcess:
    """One real `pasarela serve` process on a loopback port for the whole session."""
    db = tmp_path_factory.mktemp("sim") / "pasarela.sqlite3"
    with SimulatorProcess(db) as process:
        yield process


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for the session (tests/postgres_server.py), started on first use."""
    from tests.postgres_server import POSTGRES_MISSING, shared_server
    if POSTGRES_MISSING:
        pytest.skip("PostgreSQL not installed (Debian: postgresql)")
    return shared_server()


def pytest_sessionfinish(session, exitstatus):
    from tests.postgres_server import stop_shared_server
    stop_shared_server()
