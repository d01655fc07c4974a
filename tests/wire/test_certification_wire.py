"""The certification assistant against a real simulator on loopback: scripted merchants speaking SOAP over HTTP,
graded by GET /_sim/certificacion (JSON), the HTML report, and `pasarela certificar` driven by subprocess."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from domain.shared.ach_notices import pending_notice
from features.drivers.merchant_server import call as control_call
from simulator.cli import main as cli_main
from simulator.process import SimulatorProcess
from tests.wire.soap_helpers import attempts_of, get, new_reference, start, verify

pytestmark = pytest.mark.wire
PASARELA = Path(sys.executable).with_name("pasarela")
MERCHANT_PROGRAM = [sys.executable, "-m", "tests.wire.certification_merchant"]
ROOT = Path(__file__).resolve().parents[2]
CREDENTIALS = {"clave_inicio": "clave-inicio-cert", "usuario_v4": "usuario-cert", "clave_v4": "clave-v4-cert"}


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    with SimulatorProcess(tmp_path_factory.mktemp("cert") / "c.sqlite3") as process:
        yield process


_next_merchant = iter(range(7001, 7100))


def new_merchant(sim) -> int:
    merchant = next(_next_merchant)
    status, _ = call(sim, "PUT", f"/_sim/merchants/{merchant}", {
        "nombre": "Tienda en certificación", "nit": "890203088-9", **CREDENTIALS, "codigo_servicio": "2701",
        "t_ruta": "t_cert", "url_retorno": "/retorno-tienda", "telefono_soporte": "(601) 555 0199",
        "correo_soporte": "soporte@tienda.test"})
    assert status == 200
    return merchant


def call(sim, method: str, path: str, payload=None) -> tuple[int, object]:
    return control_call(sim.url, method, path, payload)


def newest_entry(sim) -> int:
    _, rows = call(sim, "GET", "/_sim/journal?limite=1")
    return rows[0]["id"] if rows else 0


def rules(report: dict) -> dict[str, dict]:
    return {rule["codigo"]: rule for rule in report["reglas"]}


def certify(sim, merchant: int, *args: str, mode: str = "cumplido", state: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PASARELA_")}
    env.update(MERCHANT_MODE=mode, MERCHANT_STATE=str(state), PYTHONPATH=str(ROOT))
    return subprocess.run([str(PASARELA), "certificar", "--comercio", str(merchant), "--url", sim.url, *args],
                          capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)


def test_a_careless_merchant_fails_exactly_payer_data_polling_and_final_verification_with_evidence(sim):
    merchant = new_merchant(sim)
    since = newest_entry(sim)
    credentials = {"merchant": str(merchant), "password": CREDENTIALS["clave_inicio"]}
    verify_as = {"merchant": str(merchant), "user": CREDENTIALS["usuario_v4"], "password": CREDENTIALS["clave_v4"]}
    call(sim, "POST", f"/_sim/merchants/{merchant}/siguiente-resultado", {"estado": 1, "forma_pago": "pse"})
    approved = new_reference()
    assert start(sim.url, approved, id_cliente="", tipo_id="", description="Pedido A", **credentials).status == 200
    call(sim, "POST", f"/_sim/merchants/{merchant}/siguiente-resultado", {"estado": 999, "forma_pago": "pse"})
    pending = new_reference()
    start(sim.url, pending, description="Pedido B", **credentials)
    call(sim, "POST", "/_sim/clock/advance", {"segundos": 7 * 60})
    for _ in range(4):  # every 5 s on the simulated clock
        assert verify(sim.url, pending, **verify_as).value("int_error") == "0"
        call(sim, "POST", "/_sim/clock/advance", {"segundos": 5})

    status, report = call(sim, "GET", f"/_sim/certificacion?comercio={merchant}&desde={since}")
    assert status == 200 and report["comercio"] == merchant and report["aprobada"] is False
    found = rules(report)
    assert {code for code, rule in found.items() if rule["resultado"] == "no_cumple"} == {
        "datos_pagador", "sonda_frecuencia", "verificacion_final"}
    [payer] = found["datos_pagador"]["evidencia"]
    assert approved in payer["nota"] and "id_cliente, tipo_id" in payer["nota"] and len(payer["entradas"]) == 1
    polls = found["sonda_frecuencia"]["evidencia"]
    assert len(polls) == 3 and all(pending in e["nota"] and "5 s" in e["nota"] for e in polls)
    assert all(len(e["entradas"]) == 1 and len(e["horas"]) == 1 for e in polls)
    [unverified] = found["verificacion_final"]["evidencia"]
    assert approved in unverified["nota"] and len(unverified["pagos"]) == 1

    page = get(f"{sim.url}/_sim/certificacion/informe?comercio={merchant}&desde={since}")
    html = page.body.decode()
    assert page.status == 200 and "text/html" in page.content_type
    assert "No aprobada" in html and "<svg" in html and html.count('class="marcada"') == 3


def test_the_guided_rehearsal_passes_a_compliant_merchant_and_exits_0(sim, tmp_path):
    merchant = new_merchant(sim)
    done = certify(sim, merchant, "--", *MERCHANT_PROGRAM, state=tmp_path / "tienda.json")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Escenario pendiente_999" in done.stdout and "APROBADA" in done.stdout
    for line in done.stdout.splitlines():
        assert "NO CUMPLE" not in line
    for code in ("datos_pagador", "sonda_frecuencia", "sonda_fin", "verificacion_final", "reintento",
                 "pendiente_bloqueo", "credenciales"):
        assert f"cumple         {code}" in done.stdout, code
    _, merchant_now = call(sim, "GET", f"/_sim/merchants/{merchant}")
    assert merchant_now["habilitado"] is True  # the invalid-credentials scenario gave them back


def test_the_guided_rehearsal_fails_a_careless_merchant_with_exit_1_and_the_evidence(sim, tmp_path):
    merchant = new_merchant(sim)
    done = certify(sim, merchant, "--escenarios", "aprobado,pendiente_999", "--", *MERCHANT_PROGRAM,
                   mode="descuidado", state=tmp_path / "tienda.json")
    assert done.returncode == 1, done.stdout + done.stderr
    failing = {line.split()[2].rstrip(":") for line in done.stdout.splitlines() if "NO CUMPLE" in line}
    # its sonda polls every payment it knows, three times a run: it learns the approved one late, and never stops
    assert failing == {"datos_pagador", "sonda_frecuencia", "sonda_fin"}, done.stdout
    assert "NO APROBADA" in done.stdout and "no envía id_cliente, tipo_id" in done.stdout


def test_without_a_command_it_grades_the_journal_since_an_entry(sim, capsys):
    merchant = new_merchant(sim)
    assert cli_main(["certificar", "--comercio", str(merchant), "--url", sim.url,
                     "--desde", str(newest_entry(sim))]) == 0
    out = capsys.readouterr().out
    assert "sin evidencia  datos_pagador" in out and "Escenario" not in out
    assert "nada se probó" in out and "Sin probar" in out and "datos_pagador" in out.split("Sin probar")[1]


@pytest.mark.parametrize(("command", "said"), [
    (["true"], []),  # runs, calls nobody
    (["false"], ["escenario aprobado, paso «inicio»: la orden del comercio falló (código de salida 1)",
                 "escenario aprobado, paso «retorno»: la orden del comercio falló (código de salida 1)"]),
])
def test_a_merchant_that_never_calls_the_gateway_or_fails_its_steps_is_not_approved(sim, command, said):
    merchant = new_merchant(sim)
    done = subprocess.run([str(PASARELA), "certificar", "--comercio", str(merchant), "--url", sim.url,
                           "--escenarios", "aprobado", "--", *command], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "NO APROBADA" in done.stdout and "APROBADA: ninguna" not in done.stdout
    assert "reglas quedaron sin probar" in done.stdout
    unproven = done.stdout.split("Sin probar")[1].splitlines()[0]
    assert "datos_pagador" in unproven and "credenciales" in unproven
    for line in said:
        assert line in done.stdout


def test_a_step_out_of_time_says_so_and_its_whole_process_group_is_killed(sim, tmp_path):
    merchant = new_merchant(sim)
    marker = tmp_path / "child.pid"
    # the child runs in the background of a shell that itself hangs: both must be gone after the timeout
    script = f"sleep 30 & echo $! > {marker}; sleep 30"
    done = subprocess.run([str(PASARELA), "certificar", "--comercio", str(merchant), "--url", sim.url,
                           "--escenarios", "credenciales_invalidas", "--tiempo-paso", "1", "--", "sh", "-c", script],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert ("escenario credenciales_invalidas, paso «inicio»: no terminó en 1 s (--tiempo-paso); se detuvo con "
            "todos sus procesos") in done.stdout
    assert "pasos del comercio fallaron o no terminaron a tiempo" in done.stdout
    child = int(marker.read_text())
    assert not Path(f"/proc/{child}").exists() or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2]


# Bad options in process (the same parser `pasarela` runs; the subprocess runs above and below prove the exit codes
# of the installed command): one Spanish line, exit 2.
@pytest.mark.parametrize(("args", "line"), [
    (["--comercio", "abc"], "opción no válida: --comercio = abc debe ser un número entero"),
    (["--comercio", "7001", "--url", "ftp://x"], "opción no válida: --url = ftp://x debe empezar por http://"),
    (["--comercio", "7001", "--escenarios", "aprobado,otro"], "opción no válida: --escenarios = aprobado,otro"),
    (["--comercio", "7001", "--desde", "-1"], "opción no válida: --desde = -1 debe ser mayor o igual a 0"),
    (["--comercio", "7001", "--tiempo-paso", "0"], "opción no válida: --tiempo-paso = 0.0 debe estar entre 0 y 3600"),
    ([], "faltan opciones obligatorias: --comercio"),
])
def test_a_bad_option_is_one_spanish_line_and_exit_2(args, line, capsys):
    try:
        code = cli_main(["certificar", *args])
    except SystemExit as exit:
        code = exit.code
    assert code == 2
    [said] = capsys.readouterr().err.strip().splitlines()
    assert line in said and "Traceback" not in said


def test_an_unknown_merchant_or_an_unreachable_simulator_exits_3(sim, capsys):
    assert cli_main(["certificar", "--comercio", "999999", "--url", sim.url]) == 3
    assert "el comercio 999999 no existe" in capsys.readouterr().err
    done = subprocess.run([str(PASARELA), "certificar", "--comercio", "1", "--url", "http://127.0.0.1:9"],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 3 and "no fue posible hablar con el simulador" in done.stderr
    assert "conexión rechazada" in done.stderr
    assert "Traceback" not in done.stderr and "urlopen" not in done.stderr and "Errno" not in done.stderr


@pytest.mark.parametrize("command", [["certificar", "--help"], ["--help"], ["serve", "--help"]])
def test_the_help_is_spanish(command):
    done = subprocess.run([str(PASARELA), *command], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0
    assert done.stdout.startswith("uso: pasarela") and "opciones:" in done.stdout
    assert "muestra esta ayuda y termina" in done.stdout
    for english in ("usage:", "options:", "positional arguments", "show this help"):
        assert english not in done.stdout


@pytest.mark.parametrize(("query", "status"), [("", 400), ("?comercio=abc", 400), ("?comercio=1001&desde=-3", 400),
                                               ("?comercio=424242", 404)])
def test_bad_report_parameters_are_json_problems(sim, query, status):
    for path in ("/_sim/certificacion", "/_sim/certificacion/informe"):
        answer = get(f"{sim.url}{path}{query}")
        assert answer.status == status and answer.content_type.startswith("application/problem+json")
        assert json.loads(answer.body)["status"] == status


def test_the_rehearsal_page_lists_every_scenario(sim):
    page = get(f"{sim.url}/_sim/certificacion/?comercio=1001").body.decode()
    for title in ("Pago aprobado", "Pago PSE pendiente por finalizar (999)", "Credenciales inválidas",
                  "Pago abandonado (888 después de 30 minutos)"):
        assert title in page
    # the README section the page sends a newcomer to exists under that name
    [section] = re.findall(r"README, «([^»]+)»", page)
    assert f"## {section} " in (ROOT / "README.md").read_text()


def test_dev_prints_its_usage_without_its_code_and_runs_certificar():
    usage = subprocess.run([str(ROOT / "dev"), "help"], capture_output=True, text=True, timeout=30)
    assert usage.returncode == 0 and "./dev certificar" in usage.stdout
    assert "set -euo" not in usage.stdout and "#" not in usage.stdout
    if not (ROOT / ".venv" / "bin" / "pasarela").exists():
        pytest.skip("./dev certificar needs the project's .venv (./dev setup)")
    helped = subprocess.run([str(ROOT / "dev"), "certificar", "--help"], capture_output=True, text=True, timeout=60)
    assert helped.returncode == 0 and helped.stdout.startswith("uso: pasarela certificar"), helped.stderr


class ResultPages:
    """The merchant's result page, served on loopback: GET /resultado?id_comercio=…&id_pago=… answers the HTML
    this test wrote for that id_pago."""

    def __init__(self):
        self.pages: dict[str, str] = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                reference = parse_qs(urlsplit(self.path).query).get("id_pago", [""])[0]
                body = pages.get(reference, "<p>Pago no encontrado</p>").encode()
                self.send_response(200 if reference in pages else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/resultado"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def result_pages():
    pages = ResultPages()
    yield pages
    pages.server.shutdown()
    pages.server.server_close()


def test_the_result_page_rule_fetches_each_payments_page_and_names_what_it_lacks(sim, result_pages):
    merchant = new_merchant(sim)
    assert call(sim, "PATCH", f"/_sim/merchants/{merchant}", {"url_retorno": result_pages.url})[0] == 200
    since = newest_entry(sim)
    credentials = {"merchant": str(merchant), "password": CREDENTIALS["clave_inicio"]}
    verify_as = {"merchant": str(merchant), "user": CREDENTIALS["usuario_v4"], "password": CREDENTIALS["clave_v4"]}
    references = {}
    for state in (999, 1):
        call(sim, "POST", f"/_sim/merchants/{merchant}/siguiente-resultado", {"estado": state, "forma_pago": "pse"})
        references[state] = new_reference()
        start(sim.url, references[state], description=f"Pedido {state}", **credentials)
    for state, reference in references.items():
        [attempt] = attempts_of(verify(sim.url, reference, **verify_as))
        bank, cus = attempt[18], attempt[19]
        notice = pending_notice(reference, "(601) 555 0199", "soporte@tienda.test", cus) if state == 999 else ""
        shown_cus = f"CUS {cus}" if state == 999 else ""  # the approved page forgets the CUS
        result_pages.pages[reference] = (f"<h1>Estado: {'Pendiente' if state == 999 else 'Aprobado'}</h1>"
                                         f"<p>Banco: {bank} {shown_cus}</p><p>{notice}</p>")

    status, report = call(sim, "GET", f"/_sim/certificacion?comercio={merchant}&desde={since}&paginas=1")
    assert status == 200
    page_rule = rules(report)["pagina_resultado"]
    assert page_rule["resultado"] == "no_cumple"
    [missing] = page_rule["evidencia"]
    assert references[1] in missing["nota"] and "no muestra el CUS" in missing["nota"]
    assert "mensaje" not in missing["nota"] and "banco" not in missing["nota"]
    without_pages = rules(call(sim, "GET", f"/_sim/certificacion?comercio={merchant}&desde={since}")[1])
    assert without_pages["pagina_resultado"]["resultado"] == "sin_evidencia"


def test_a_card_registration_and_a_refused_duplicate_of_a_live_payment_are_not_flagged_but_reusing_a_rejected_one_is(
        sim):
    """REST InicioPago with AdicionalesConfiguracion 200 = "1" registers a card (no amounts, no PSE payment); a
    start repeated while its payment is pending is the gateway's duplicate, no retry; a start repeated after the
    payment was rejected is the reuse the rule forbids, even when the gateway refuses it."""
    from tests.wire.rest_helpers import inicio, start_body

    merchant = 1001  # the demo merchant: its REST and SOAP credentials are the helpers' defaults
    since = newest_entry(sim)
    card = inicio(sim.url, start_body(total=None, vat=None, configuration=[{"int_codigo": 50, "str_valor": "2701"},
                                                                     {"int_codigo": 200, "str_valor": "1"}]))
    assert card.json()["int_codigo"] == 1, card.text
    live = new_reference()
    assert start(sim.url, live).value("inicio_pagoV2Result").isdigit()
    assert "ya existe" in start(sim.url, live).value("inicio_pagoV2Result")
    call(sim, "POST", f"/_sim/merchants/{merchant}/siguiente-resultado", {"estado": 1000, "forma_pago": "pse"})
    rejected = new_reference()
    assert start(sim.url, rejected).value("inicio_pagoV2Result").isdigit()
    assert "ya existe" in start(sim.url, rejected).value("inicio_pagoV2Result")

    status, report = call(sim, "GET", f"/_sim/certificacion?comercio={merchant}&desde={since}")
    assert status == 200
    found = rules(report)
    assert found["datos_pagador"]["resultado"] == "cumple", found["datos_pagador"]
    [reuse] = found["reintento"]["evidencia"]
    assert found["reintento"]["resultado"] == "no_cumple"
    assert rejected in reuse["nota"] and "rechazado (1000)" in reuse["nota"] and "duplicado" in reuse["nota"]
    assert live not in json.dumps(found["reintento"])


def test_the_readmes_rehearsal_command_runs_the_example_shop_and_passes(sim):
    """The command README gives a newcomer, run as written (through ./dev) against a simulator: the example shop
    passes every rule."""
    [line] = [line for line in (ROOT / "README.md").read_text().splitlines()
              if line.startswith("./dev certificar --comercio 1001 -- ")]
    if not (ROOT / ".venv" / "bin" / "pasarela").exists():
        pytest.skip("./dev needs the project's .venv (./dev setup)")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PASARELA_", "TIENDA_"))}
    command = line.replace("./dev certificar", f"./dev certificar --url {sim.url}", 1)
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=180, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "APROBADA: ninguna regla incumplida" in done.stdout and "NO CUMPLE" not in done.stdout
    assert "Sin probar" not in done.stdout and "falló" not in done.stdout
