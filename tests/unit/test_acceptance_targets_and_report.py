"""The Gherkin suite's plumbing: which targets run which tags, and the HTML report written from cucumber JSON."""
from __future__ import annotations

import json

import pytest

from features import targets
from features.report import write_html


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
