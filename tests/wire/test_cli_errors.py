"""`pasarela` by subprocess, as a user types it: a bad option or environment value is one Spanish line naming the
flag (and its variable), exit 2; an unusable database or a busy port is one line, exit 1, with nothing written."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.process import SimulatorProcess, free_port

pytestmark = pytest.mark.wire
PASARELA = Path(sys.executable).with_name("pasarela")


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PASARELA_")}
    return subprocess.run([str(PASARELA), *args], capture_output=True, text=True, timeout=60, cwd=cwd,
                          env={**environment, **(env or {})})


@pytest.mark.parametrize(("args", "env", "line"), [
    (["serve", "--port", "70000"], {}, "opción no válida: --port = 70000 debe ser menor o igual a 65535"),
    (["serve", "--workers", "0"], {}, "opción no válida: --workers = 0 debe ser mayor o igual a 1"),
    (["serve"], {"PASARELA_PORT": "abc"}, "opción no válida: --port (PASARELA_PORT) = 'abc' debe ser un número entero"),
    (["serve"], {"PASARELA_JOURNAL": "todo"}, "opción no válida: --journal (PASARELA_JOURNAL) = 'todo' debe ser uno de"),
    (["serve", "--port", "abc"], {}, "opción no válida: --port = abc debe ser un número entero"),
    (["serve", "--journal", "todo"], {}, "opción no válida: --journal = todo debe ser uno de off, metadata, full"),
    (["serve", "--nope"], {}, "opciones desconocidas: --nope"),
    (["pasos"], {}, "opción no válida: orden = pasos debe ser uno de serve, portal"),
])
def test_a_bad_option_or_variable_is_one_spanish_line_naming_it_and_exit_2(tmp_path, args, env, line):
    done = run(*args, env=env, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    [said] = done.stderr.strip().splitlines()
    assert line in said and "Traceback" not in said and "pydantic" not in said and "http" not in said
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_an_unusable_database_is_one_line_and_exit_1(tmp_path):
    done = run("serve", "--port", "0", "--db", str(tmp_path / "no-existe" / "x.sqlite3"))
    assert done.returncode == 1
    [said] = done.stderr.strip().splitlines()
    assert said.startswith(f"no fue posible usar la base de datos {tmp_path}/no-existe/x.sqlite3")


def test_a_busy_port_is_one_line_and_exit_1_and_writes_nothing(tmp_path, simulator):
    port = simulator.url.rsplit(":", 1)[1]
    done = run("serve", "--port", port, "--db", str(tmp_path / "otra.sqlite3"))
    assert done.returncode == 1
    [said] = [line for line in done.stderr.strip().splitlines() if line]
    assert said.startswith("no fue posible iniciar el simulador:") and "Traceback" not in done.stderr
    assert not (tmp_path / "otra.sqlite3").exists()  # the port is checked before the database is touched


def test_a_free_port_still_starts_after_a_refused_start(tmp_path):
    with SimulatorProcess(tmp_path / "a.sqlite3", port=free_port()) as sim:
        assert run("serve", "--port", str(sim.port), "--db", str(tmp_path / "b.sqlite3")).returncode == 1
    with SimulatorProcess(tmp_path / "b.sqlite3", port=sim.port):
        pass  # the same port serves again once the first simulator stopped
