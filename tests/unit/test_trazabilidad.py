"""docs/trazabilidad.md cannot rot: every scenario it names exists in its feature file, and every numbered
step of the three instructions has a row."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "docs" / "trazabilidad.md"
EXPECTED_STEPS = {
    "IOTCS-09": set(range(1, 16)),
    "Alianza registro": {1, 2, 3},
    "Alianza pago": set(range(1, 11)),
    "I-IDI-007": set(range(1, 10)),
}


def rows() -> list[tuple[str, int, str, list[str]]]:
    found = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[1].isdigit():
            found.append((cells[0], int(cells[1]), cells[3], [s.strip() for s in cells[4].split(";")]))
    return found


def scenario_names(feature: Path) -> set[str]:
    pattern = re.compile(r"^\s*(?:Escenario|Esquema del escenario):\s*(.+?)\s*$", re.M)
    return set(pattern.findall(feature.read_text(encoding="utf-8")))


def test_every_scenario_in_the_traceability_table_exists_in_its_feature_file():
    table = rows()
    assert len(table) >= 35
    for instruction, step, feature, scenarios in table:
        path = ROOT / "features" / feature
        assert path.exists(), f"{instruction} {step}: no existe features/{feature}"
        names = scenario_names(path)
        for scenario in scenarios:
            assert scenario in names, f"{instruction} {step}: «{scenario}» no está en {feature}"


def test_every_numbered_step_of_the_three_instructions_has_a_scenario():
    covered: dict[str, set[int]] = {}
    for instruction, step, _feature, scenarios in rows():
        if scenarios and scenarios[0]:
            covered.setdefault(instruction, set()).add(step)
    for instruction, steps in EXPECTED_STEPS.items():
        assert steps <= covered.get(instruction, set()), f"{instruction}: faltan {sorted(steps - covered[instruction])}"


def test_a_renamed_scenario_would_be_caught(tmp_path):
    feature = tmp_path / "x.feature"
    feature.write_text("# language: es\nCaracterística: X\n  Escenario: Nombre nuevo\n    Dado algo\n", encoding="utf-8")
    assert "Nombre viejo" not in scenario_names(feature) and "Nombre nuevo" in scenario_names(feature)
