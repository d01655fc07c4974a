"""The dependency rule of DEVELOPERS.md, checked on the import statements of every module."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IO_LIBRARIES = {"aiohttp", "spyne", "lxml", "sqlite3", "socket", "urllib", "requests", "http", "asyncio",
                "subprocess", "random", "secrets", "time", "os", "zeep", "locust", "faker", "pydantic"}
COMPOSITION_ROOT = {"simulator/bootstrap.py"}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", ["domain", "ports"])
def test_the_core_imports_no_io_library_and_nothing_outside_it(package):
    for path in modules(package):
        bad = imports_of(path) & (IO_LIBRARIES | {"adapters", "simulator", "features", "loadtests"})
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_the_domain_does_not_import_ports_except_for_types():
    for path in modules("domain"):
        assert "simulator" not in imports_of(path)


def test_adapters_never_import_the_simulator():
    for path in modules("adapters"):
        assert "simulator" not in imports_of(path), f"{path.relative_to(ROOT)} imports simulator"


def test_only_the_composition_root_of_the_simulator_builds_adapters():
    for path in modules("simulator"):
        relative = str(path.relative_to(ROOT))
        if relative not in COMPOSITION_ROOT:
            assert "adapters" not in imports_of(path), f"{relative} imports adapters"


def test_the_domain_reads_no_wall_clock():
    for path in modules("domain"):
        text = path.read_text()
        assert "datetime.now" not in text and "date.today" not in text, path
