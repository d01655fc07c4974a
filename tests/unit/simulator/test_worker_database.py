"""A worker of `serve --workers N` gets its database through the environment, never its command line."""
from __future__ import annotations

from simulator.settings import Settings
from simulator.supervisor import worker_argv, worker_env


def test_a_database_url_with_a_password_is_not_on_a_workers_command_line():
    settings = Settings(db="postgresql://pasarela:secreto@db.internal:5432/pasarela")
    assert "secreto" not in " ".join(worker_argv(settings, 8000))
    assert worker_env(settings)["PASARELA_DB"] == "postgresql://pasarela:secreto@db.internal:5432/pasarela"


def test_an_sqlite_file_reaches_the_worker_the_same_way():
    assert worker_env(Settings(db="/tmp/p.sqlite3"))["PASARELA_DB"] == "/tmp/p.sqlite3"
