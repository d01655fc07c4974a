"""The domain stays pure: no I/O libraries, no wall clock, no hidden randomness, no floats."""
import ast
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[3] / "domain"
FORBIDDEN_MODULES = {"aiohttp", "spyne", "lxml", "sqlite3", "random", "secrets", "time", "os", "socket",
                     "adapters", "simulator", "requests", "pathlib"}
MODULES = sorted(DOMAIN.rglob("*.py"))
IDS = [str(p.relative_to(DOMAIN)) for p in MODULES]


def imported_modules(tree: ast.Module) -> list[tuple[str, bool]]:
    """(top-level module name, only for type checking) for every absolute import in the file."""
    type_checking_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
        for statement in node.body
        for inner in ast.walk(statement)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name.split(".")[0], id(node) in type_checking_only) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module.split(".")[0], id(node) in type_checking_only))
    return found


def _is_clock_port(func: ast.expr) -> bool:
    receiver = func.value if isinstance(func, ast.Attribute) else None
    name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
    return name.endswith("clock")


def test_the_domain_package_is_where_the_tests_expect_it():
    assert (DOMAIN / "__init__.py").exists() and len(MODULES) > 10


@pytest.mark.parametrize("path", MODULES, ids=IDS)
def test_domain_modules_import_no_io_clock_or_randomness(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for module, type_checking in imported_modules(tree):
        assert module not in FORBIDDEN_MODULES, f"{path.name} imports {module}"
        if module == "ports" and "usecases" not in path.parts:  # use cases take their ports as arguments
            assert type_checking, f"{path.name} imports a port at run time"


@pytest.mark.parametrize("path", MODULES, ids=IDS)
def test_domain_modules_read_no_wall_clock_and_build_no_floats(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "now" and _is_clock_port(func):
                continue  # `clock.now()`: the time a use case was given through its Clock port
            assert name not in {"now", "utcnow", "today", "time", "float"}, f"{path.name}:{node.lineno} calls {name}"
        if isinstance(node, ast.Constant):
            assert not isinstance(node.value, float), f"{path.name}:{node.lineno} has a float literal"
