"""The Gherkin suite's plumbing: which targets run which tags, and the reports (HTML from cucumber JSON and the
run's own outcomes, JUnit XML): skipped scenarios are reported as skipped, and no report outlives its run."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from features import targets
from features.report import write_html


ROOT = Path(__file__).resolve().parents[2]


def test_by_default_the_suite_runs_on_the_wire_and_in_process(monkeypatch):
    monkeypatch.delenv(targets.ENV, raising=False)
    assert targets.selected(None) == ["wire", "inprocess"]
    monkeypatch.setenv(targets.ENV, "inprocess")
    assert targets.selected(None) == ["inprocess"]
    assert targets.selected("wire") == ["wire"]  # --target wins over the environment
    with pytest.raises(ValueError, match="desconocido"):
        targets.selected("cable")


@pytest.mark.parametrize("tags, runs", [
    (set(), ["wire", "inprocess"]),
    ({"solo_cable"}, ["wire"]),
    ({"solo_en_proceso"}, ["inprocess"]),
    ({"coopcentral"}, ["wire"]),
    ({"navegador"}, ["wire"]),  # a browser scenario runs once
])
def test_tags_choose_the_targets_of_a_scenario(tags, runs):
    assert targets.targets_for(["wire", "inprocess"], tags)[0] == runs


def test_the_vendor_host_runs_only_service_scenarios():
    assert targets.targets_for(["zonapagosdemo"], {"servicio", "zonapagos"})[0] == ["zonapagosdemo"]
    runs, reason = targets.targets_for(["zonapagosdemo"], {"portal"})
    assert runs == [] and "solo ejecuta escenarios @servicio" in reason


def test_the_html_report_shows_each_scenario_its_target_steps_and_failures(tmp_path):
    step = lambda name, status, **extra: {"keyword": "Cuando", "name": name,  # noqa: E731
                                          "result": {"status": status, "duration": 1_500_000_000, **extra}}
    features = [{"name": "Verificar un pago", "uri": "verificacion_v4.feature", "tags": [{"name": "servicio"}],
                 "elements": [
                     {"name": "Un pago aprobado", "id": "test_x[wire]", "steps": [step("inicia <un> pago", "passed")]},
                     {"name": "Un pago rechazado", "id": "test_y[inprocess-1000]",
                      "steps": [step("verifica", "failed", error_message="AssertionError: 999 != 1000")]},
                 ]}]
    source, page = tmp_path / "cucumber.json", tmp_path / "aceptacion.html"
    source.write_text(json.dumps(features), encoding="utf-8")
    assert write_html(source, page)
    text = page.read_text(encoding="utf-8")
    assert "aprobado: 1" in text and "falló: 1" in text and "@servicio" in text
    assert "Un pago aprobado · <b>wire</b> · 1.50 s" in text and "<b>inprocess</b>" in text
    assert "inicia &lt;un&gt; pago" in text and "AssertionError: 999 != 1000" in text
    assert "<details open><summary class='failed'>" in text


def test_no_report_is_written_without_scenarios(tmp_path):
    (tmp_path / "cucumber.json").write_text("[]", encoding="utf-8")
    assert not write_html(tmp_path / "cucumber.json", tmp_path / "aceptacion.html")
    assert not (tmp_path / "aceptacion.html").exists()


def test_a_skipped_scenario_is_counted_and_shown_as_skipped_with_its_reason_never_as_passed(tmp_path):
    step = {"keyword": "Dado", "name": "un pago", "result": {"status": "passed", "duration": 1}}
    features = [{"name": "Registro", "uri": "registro_ach.feature", "tags": [],
                 "elements": [{"name": "Registrarse", "id": "test_r[wire]", "steps": [step]}]}]
    notes = [
        {"id": "test_r[wire]", "feature": "Registro", "uri": "registro_ach.feature", "name": "Registrarse",
         "example": {}, "outcome": "passed", "reason": ""},
        {"id": "test_e[inprocess]", "feature": "Registro", "uri": "registro_ach.feature", "name": "Eliminar",
         "example": {"accion": "eliminar"}, "outcome": "skipped", "reason": "@solo_cable: no aplica al destino inprocess"},
        {"id": "test_o[inprocess]", "feature": "Otra", "uri": "otra.feature", "name": "Solo omitido",
         "example": {}, "outcome": "skipped", "reason": "sin Chromium"},
        {"id": "test_d[wire]", "feature": "Otra", "uri": "otra.feature", "name": "Deseleccionado",
         "example": {}, "outcome": "", "reason": ""},
    ]
    source, page = tmp_path / "cucumber.json", tmp_path / "aceptacion.html"
    source.write_text(json.dumps(features), encoding="utf-8")
    assert write_html(source, page, notes)
    text = page.read_text(encoding="utf-8")
    assert "aprobado: 1" in text and "omitido: 2" in text and "falló: 0" in text
    assert "<summary class='skipped'>omitido · Eliminar" in text
    assert "Motivo: @solo_cable: no aplica al destino inprocess" in text and "Motivo: sin Chromium" in text
    assert "Ejemplo: accion = <code>eliminar</code>" in text and "Deseleccionado" not in text


def _run_suite(tmp_path, *args: str) -> tuple[subprocess.CompletedProcess, Path]:
    reports = tmp_path / "informes"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "features/test_registro_ach.py",
         "features/test_reglas.py", "--target", "inprocess", f"--cucumber-json={reports / 'cucumber.json'}",
         f"--junitxml={reports / 'junit.xml'}", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    return done, reports


def test_a_run_reports_skipped_scenarios_as_skipped_in_html_and_junit(tmp_path):
    done, reports = _run_suite(tmp_path)
    assert done.returncode == 0, done.stdout[-2000:]
    passed, skipped = (int(re.search(rf"(\d+) {word}", done.stdout).group(1)) for word in ("passed", "skipped"))
    assert skipped > 0  # @solo_cable scenarios cannot run in process
    text = (reports / "aceptacion.html").read_text(encoding="utf-8")
    assert f"aprobado: {passed}" in text and f"omitido: {skipped}" in text
    assert text.count("Motivo: @solo_cable: no aplica al destino inprocess") == skipped
    junit = ElementTree.parse(reports / "junit.xml").getroot().find("testsuite")
    assert (int(junit.get("tests")), int(junit.get("skipped"))) == (passed + skipped, skipped)


def test_a_run_without_scenarios_leaves_no_stale_report(tmp_path):
    reports = tmp_path / "informes"
    reports.mkdir()
    (reports / "aceptacion.html").write_text("<p>aprobado: 41 de otra corrida</p>", encoding="utf-8")
    done, _ = _run_suite(tmp_path, "-k", "ningun_escenario_se_llama_asi")
    assert done.returncode == 5, done.stdout[-2000:]  # pytest: no tests collected
    assert not (reports / "aceptacion.html").exists()
