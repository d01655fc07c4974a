"""`./dev pasos` (`python -m features.catalog`, the acceptance suite's own command, run as QA runs it) prints the
step catalogue with examples. The product (`pasarela`) does not carry it: it never imports the suite."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "features.catalog", *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)


def test_pasos_lists_each_area_with_its_steps_and_an_example_from_a_feature_file():
    done = run()
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for area in ("== zonapagos:", "== tokens:", "== portal:", "== verificacion:", "== reglas:", "== registro_ach:"):
        assert area in out
    assert "  Cuando   el comercio inicia un pago de \"{total}\" con IVA \"{vat}\"\n" in out
    assert 'ej.: Cuando el comercio tokeniza la tarjeta "4111111111111111" con generar_pago 1 y ban_tokenizar 1' in out
    assert "  Cuando   pasan {amount} {unit}\n" in out
    assert "(portal_codigo_seguridad.feature:" in out
    assert "Traceback" not in out + done.stderr


def test_pasos_can_show_one_area():
    done = run("--area", "reglas")
    assert done.returncode == 0, done.stderr
    assert "== reglas:" in done.stdout and "== portal:" not in done.stdout
    assert 'la sonda decide "{decision}"' in done.stdout


def test_the_product_has_no_pasos_command():
    done = subprocess.run([str(Path(sys.executable).with_name("pasarela")), "pasos"], capture_output=True, text=True,
                          timeout=60, cwd="/")
    assert done.returncode == 2 and "orden = pasos debe ser uno de serve, portal" in done.stderr
