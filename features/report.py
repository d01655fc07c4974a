"""A readable HTML report of the Gherkin run, written from pytest-bdd's cucumber JSON and pytest's own outcomes.

The conftest at the repository root calls `write_html` when the run ends: reports/cucumber.json (written by
`--cucumber-json`) becomes reports/aceptacion.html — features, scenarios with their target and (for an
outline row) their example values, steps, pass/fail and durations. pytest-bdd leaves skipped scenarios out of
the JSON, so the root conftest notes every scenario's outcome and skip reason and passes them here: a skipped
scenario is shown, and counted, as skipped ("omitido") with its reason, never as passed. Standard library only.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

STATUS = {"passed": ("aprobado", "#1b7f3b"), "failed": ("falló", "#b3261e"), "skipped": ("omitido", "#8a6d00")}
STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#1d1d1f}h1{font-size:1.5rem}
section{border:1px solid #ddd;border-radius:8px;margin:1rem 0;padding:.5rem 1rem}
h2{font-size:1.1rem}details{margin:.3rem 0}summary{cursor:pointer}
.passed{color:#1b7f3b}.failed{color:#b3261e}.skipped{color:#8a6d00}
table{border-collapse:collapse;margin:.3rem 0 .6rem 1.5rem}td{padding:.1rem .6rem;vertical-align:top}
.tag{background:#eef;border-radius:4px;padding:0 .3rem;margin-right:.2rem;font-size:.85em}
pre{white-space:pre-wrap;background:#fff4f4;padding:.5rem;margin:0}
.example,p.skipped{margin:.2rem 0 .2rem 1.5rem;font-size:.9em}code{background:#f4f4f6;padding:0 .2rem}
"""


def _seconds(step: dict) -> float:
    return step.get("result", {}).get("duration", 0) / 1e9


def _scenario_status(scenario: dict) -> str:
    statuses = [step.get("result", {}).get("status", "skipped") for step in scenario.get("steps", [])]
    if "failed" in statuses:
        return "failed"
    if statuses and all(s == "passed" for s in statuses):
        return "passed"
    return "skipped"


def _target(scenario: dict) -> str:
    """The target of a scenario test (`[wire]`, `[inprocess-…]` in its id), or ''."""
    found = re.search(r"\[(wire|inprocess|zonapagosdemo)\b", scenario.get("id", ""))
    return found.group(1) if found else ""


def _example(values: dict) -> str:
    """An outline row's example values, as `name = value` pairs."""
    if not values:
        return ""
    pairs = " · ".join(f"{html.escape(str(k))} = <code>{html.escape(str(v))}</code>" for k, v in values.items())
    return f"<p class='example'>Ejemplo: {pairs}</p>"


def _merge(features: list[dict], notes: list[dict]) -> list[dict]:
    """The JSON's features with each scenario's noted example values, and the skipped scenarios the JSON left out
    (as scenarios without steps, status `skipped`, with their reason), each under its feature."""
    by_key = {(n["uri"], n["id"]): n for n in notes}
    merged = [dict(f, elements=[dict(s) for s in f.get("elements", [])]) for f in features]
    by_uri = {f.get("uri", ""): f for f in merged}
    for feature in merged:
        for scenario in feature["elements"]:
            note = by_key.pop((feature.get("uri", ""), scenario.get("id", "")), None)
            scenario["example"] = note["example"] if note else {}
    for note in by_key.values():
        if note["outcome"] != "skipped":
            continue  # deselected, or not run: not part of this run
        feature = by_uri.get(note["uri"])
        if feature is None:
            feature = by_uri[note["uri"]] = {"name": note["feature"], "uri": note["uri"], "tags": [], "elements": []}
            merged.append(feature)
        feature["elements"].append({"name": note["name"], "id": note["id"], "steps": [], "skipped": note["reason"],
                                    "example": note["example"]})
    return merged


def render(features: list[dict], notes: list[dict] | None = None) -> str:
    """The HTML page for the cucumber JSON's features and the run's noted scenario outcomes."""
    totals = {"passed": 0, "failed": 0, "skipped": 0}
    sections = []
    for feature in _merge(features, notes or []):
        rows = []
        for scenario in feature.get("elements", []):
            status = "skipped" if "skipped" in scenario else _scenario_status(scenario)
            totals[status] += 1
            label, _ = STATUS[status]
            steps = "".join(
                f"<tr class='{s.get('result', {}).get('status', 'skipped')}'><td>{html.escape(s['keyword'])}</td>"
                f"<td>{html.escape(s['name'])}</td><td>{_seconds(s):.3f} s</td></tr>"
                + (f"<tr><td></td><td colspan=2><pre>{html.escape(s['result']['error_message'])}</pre></td></tr>"
                   if s.get("result", {}).get("error_message") else "")
                for s in scenario.get("steps", []))
            duration = sum(_seconds(s) for s in scenario.get("steps", []))
            target = _target(scenario)
            reason = (f"<p class='skipped'>Motivo: {html.escape(scenario['skipped'])}</p>"
                      if scenario.get("skipped") else "")
            rows.append(
                f"<details{' open' if status == 'failed' else ''}><summary class='{status}'>{label} · "
                f"{html.escape(scenario['name'])}{f' · <b>{target}</b>' if target else ''} · {duration:.2f} s"
                f"</summary>{_example(scenario.get('example', {}))}{reason}<table>{steps}</table></details>")
        tags = "".join(f"<span class='tag'>@{html.escape(t['name'])}</span>" for t in feature.get("tags", []))
        sections.append(f"<section><h2>{html.escape(feature['name'])}</h2><p>{tags} "
                        f"<small>{html.escape(feature.get('uri', ''))}</small></p>{''.join(rows)}</section>")
    summary = " · ".join(f"<span class='{k}'>{STATUS[k][0]}: {v}</span>" for k, v in totals.items())
    return (f"<!doctype html><html lang='es'><head><meta charset='utf-8'><title>Pruebas de aceptación</title>"
            f"<style>{STYLE}</style></head><body><h1>Pruebas de aceptación (Gherkin)</h1><p>{summary}</p>"
            f"{''.join(sections)}</body></html>")


def write_html(json_path: Path, html_path: Path, notes: list[dict] | None = None) -> bool:
    """Write the HTML report next to the JSON; False (nothing written) when the run had no scenario."""
    try:
        features = json.loads(json_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        features = []
    skipped = [n for n in notes or [] if n["outcome"] == "skipped"]
    if not features and not skipped:
        return False
    html_path.write_text(render(features, notes), encoding="utf-8")
    return True
