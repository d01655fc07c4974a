"""The generator of docs/pantallas.md (`./dev pantallas`) runs every flow in Chromium and writes what it says:
one viewport PNG per step, each named in the Markdown beside its step's text, so the document cannot rot."""
from __future__ import annotations

import re

import pytest

from features.drivers.browser import chromium_missing_reason
from tests.browser import pantallas

pytestmark = [pytest.mark.browser, pytest.mark.wire]

PNG = b"\x89PNG\r\n\x1a\n"


def test_the_generator_writes_a_screenshot_for_every_step_of_each_instructivo(tmp_path):
    reason = chromium_missing_reason()
    if reason:
        pytest.skip(f"pruebas de navegador omitidas: {reason}")
    flows = pantallas.generate(tmp_path)
    assert [f.slug for f in flows] == ["recaudo", "registro", "coopcentral"]
    numbers = {f.slug: {s.number for s in f.steps} for f in flows}
    # every numbered step of the three instructivos has at least one screen
    assert {"1–2", "3", "4–5", *map(str, range(6, 16))} <= numbers["recaudo"]
    assert {"1", "2", "3"} <= numbers["registro"]
    assert set(map(str, range(1, 11))) <= numbers["coopcentral"]
    document = (tmp_path / "pantallas.md").read_text(encoding="utf-8")
    linked = re.findall(r"\]\(pantallas/([^)]+\.png)\)", document)
    written = sorted(p.name for p in (tmp_path / "pantallas").glob("*.png"))
    assert sorted(linked) == written and len(written) == sum(len(f.steps) for f in flows)
    for name in written:
        data = (tmp_path / "pantallas" / name).read_bytes()
        assert data.startswith(PNG) and len(data) < 200_000, name  # viewport shots, never whole long pages
