"""The project's entry script (`./dev`): the test set-up decides what to install without races."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("php") is None, reason="php is not installed (./dev test installs it)")
def test_an_installed_php_soap_is_never_reported_missing():
    """`php -m | grep -q soap` under `set -o pipefail` failed now and then (grep stops reading, php gets
    SIGPIPE), and `./dev test` ran apt-get for a package it had. Asked fifty times, the answer is the same."""
    answers = {subprocess.run(["bash", str(ROOT / "dev"), "missing"], capture_output=True, text=True,
                              timeout=60, cwd=ROOT).stdout.strip() for _ in range(50)}
    assert len(answers) == 1 and "php" not in answers.pop()


def test_postgresql_is_reported_missing_only_without_initdb(tmp_path):
    """The PostgreSQL tests' server needs initdb (on PATH, or in Debian's /usr/lib/postgresql/<v>/bin)."""
    def missing(path: str) -> str:
        return subprocess.run(["bash", str(ROOT / "dev"), "missing"], capture_output=True, text=True, timeout=60,
                              cwd=ROOT, env={"PATH": path, "HOME": str(tmp_path)}).stdout
    has_debian_initdb = any(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    assert ("postgresql" in missing("/usr/bin:/bin")) is not has_debian_initdb
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "initdb").write_text("#!/bin/sh\n")
    (fake / "initdb").chmod(0o755)
    assert "postgresql" not in missing(f"{fake}:/usr/bin:/bin")
