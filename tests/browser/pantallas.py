"""docs/pantallas.md: a screenshot of every step of each instructivo beside the step's text.

    ./dev pantallas                      (or: .venv/bin/python -m tests.browser.pantallas [--out DIR])

Starts its own simulator (a fresh SQLite file, the bot checks on, the portal's test hooks for its OTP inbox),
drives Debian's Chromium through the three flows of the instructivos (recaudo-portal.md IOTCS-09 steps 1–15,
pse-coopcentral.md's registration with ACH and its payment from a cooperative account) and writes one viewport
PNG per step into <out>/pantallas/ and the Markdown that shows them into <out>/pantallas.md. The step texts
restate the spec files; every page is the simulator's own, reached by clicks as a person would.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from features.drivers.browser import chromium, chromium_missing_reason
from features.drivers.coopcentral import CODE as NETWORK_CODE
from features.drivers.portal import json_get, latest_code
from simulator.process import SimulatorProcess
from tests.wire.soap_helpers import new_reference, start

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
VIEWPORT = {"width": 900, "height": 720}
TIMEOUT_MS = 15_000
ENV = {"PASARELA_PORTAL_TEST_HOOKS": "true", "PASARELA_SONDA_TICK": "0"}  # bot checks on, as in production
NICK_EMAIL, NICK_MOBILE = "nick.rivera@example.com", "3107126048"


@dataclass
class Step:
    number: str  # the instructivo's step number(s), as the spec numbers them
    text: str  # what the step says, in the spec's words
    image: str  # the PNG's name under pantallas/


@dataclass
class Flow:
    slug: str
    title: str
    source: str
    steps: list[Step] = field(default_factory=list)


class Camera:
    """One browser page on the simulator; `shot` saves the viewport as <folder>/<flow>-<nn>-<name>.png."""

    def __init__(self, page, url: str, folder: Path):
        self.page, self.url, self.folder = page, url, folder

    def shot(self, flow: Flow, number: str, text: str, name: str) -> None:
        image = f"{flow.slug}-{len(flow.steps) + 1:02d}-{name}.png"
        self.page.screenshot(path=str(self.folder / image), full_page=False)
        flow.steps.append(Step(number, text, image))

    def click(self, selector: str) -> None:
        with self.page.expect_navigation():
            self.page.click(selector)
        self.page.wait_for_load_state()

    def solve_sum(self) -> None:
        """The bot check: a small sum in the label of #verificacion (absent when the check is off)."""
        if self.page.locator("#verificacion").count():
            a, b = map(int, re.search(r"(\d+) \+ (\d+)", self.page.inner_text("label[for=verificacion]")).groups())
            self.page.fill("#verificacion", str(a + b))

    def mailbox(self, to: str) -> None:
        self.page.goto(f"{self.url}/_sim/buzon?para={urllib.parse.quote(to)}")


def recaudo(cam: Camera) -> Flow:
    flow = Flow("recaudo", "Recaudo por la página web de la entidad (IOTCS-09)", "recaudo-portal.md")
    page = cam.page
    page.goto(f"{cam.url}/recaudo/")
    page.select_option("#tipo_documento", "CC")
    page.fill("#numero_documento", "1033370434")
    cam.solve_sum()
    cam.shot(flow, "1–2", "En la página de la entidad se elige \"Pagos PSE\" y el tipo de documento del asociado.",
             "documento")
    cam.click("#buscar")
    cam.shot(flow, "3", "Con el número de documento la página saluda al asociado por su nombre (\"Bienvenido(a), "
             "NICK RIVERA CAMINERO\") y habilita \"Consultar Productos\"; una verificación protege la página.",
             "saludo")
    cam.click("#consultar")
    cam.shot(flow, "4–5", "\"Consultar Productos\" envía un código de seguridad al celular y al correo; el diálogo "
             "\"Código de seguridad\" lo pide (\"Aceptar\", \"Cerrar\", \"Enviar otro código de seguridad\").",
             "codigo")
    page.fill("#codigo_seguridad", latest_code(cam.url, NICK_MOBILE))
    cam.click("#aceptar")
    page.check("tr[data-producto='CR-300027626'] input[value='MINIMUM']")
    page.check("tr[data-producto='AV-100207756'] input[value='FREE']")
    page.fill("tr[data-producto='AV-100207756'] input.valor", "20.000")
    page.locator("#total").click()
    cam.shot(flow, "6", "\"Información de productos\": se eligen los productos y sus valores (pago mínimo, pago "
             "total, otro valor o un valor a depositar); la página suma el total.", "productos")
    cam.click("#continuar")
    cam.shot(flow, "7", "\"Información del pagador\": por defecto el asociado; con \"¿Depositante diferente al "
             "asociado?\" se escriben los datos de otra persona.", "pagador")
    cam.click("#continuar")
    page.fill("#descripcion", "Cuota y ahorro de noviembre")
    cam.shot(flow, "8", "\"Detalle del pago\": Producto \"PSE recaudos\", la referencia, los productos con su valor "
             "y el total; la descripción es obligatoria.", "detalle")
    page.check("#terminos")
    page.click("#leer-terminos")
    cam.shot(flow, "9", "Aceptar los términos y condiciones (autorización de tratamiento de datos personales) es "
             "obligatorio; \"Iniciar transacción\" lleva a la pasarela.", "terminos")
    cam.click("#iniciar")
    cam.shot(flow, "10", "En ZonaPAGOS se aceptan sus términos (obligatorio).", "pasarela")
    page.check("#terminos")
    page.check("#fp-pse")
    cam.shot(flow, "11", "Se elige \"Débito y Corriente PSE\".", "pasarela-pse")
    page.check("#persona-natural")
    cam.shot(flow, "12", "Se elige el tipo de persona: natural o jurídica.", "tipo-persona")
    page.select_option("#banco", "1022")
    cam.shot(flow, "13", "Se elige el banco y \"Pagar\"; la página muestra el pagador, el concepto, el número de "
             "factura, el total y el IVA.", "banco-elegido")
    cam.click("#pagar")
    page.fill("#email", NICK_EMAIL)
    cam.shot(flow, "14", "En PSE se escribe el correo registrado del pagador y \"Ir al Banco\".", "pse")
    with page.expect_navigation():
        page.get_by_role("button", name="Ir al Banco").click()
    for selector, value in (("#account-agency", "0012"), ("#account-number", "40012345678"), ("#password", "1234")):
        page.fill(selector, value)
    cam.shot(flow, "15", "En la página del banco se revisa el resumen y se pulsa \"Pay\" (el banco de pruebas "
             "\"PSE Sample FE\").", "banco")
    with page.expect_navigation():
        page.get_by_role("button", name="Pay", exact=True).click()
    page.wait_for_load_state()
    cam.shot(flow, "15", "La pasarela muestra el comprobante, imprimible.", "comprobante")
    cam.click("#regresar")
    cam.shot(flow, "15", "De vuelta en la entidad, la página consulta el estado en la pasarela y lo muestra.",
             "resultado")
    cam.mailbox(NICK_EMAIL)
    cam.shot(flow, "15", "ACH Colombia envía el comprobante al correo del pagador (el buzón del simulador).",
             "correo-ach")
    return flow


def registration(cam: Camera) -> Flow:
    flow = Flow("registro", "Registro en PSE (ACH)", "pse-coopcentral.md, \"Registering with ACH\"")
    page = cam.page
    page.goto(f"{cam.url}/PSEUserRegister/Registro")
    page.check("#tipo-natural")
    page.check("#accion-registrar")
    cam.shot(flow, "1", "Se elige el tipo de persona (natural o jurídica) y una acción: \"Quiero registrarme "
             "ahora\", actualizar o borrar el registro; \"Seguir\".", "tipo-y-accion")
    cam.click("#seguir")
    for selector, value in (("#numero_documento", "52123456"), ("#nombres", "LAURA"), ("#apellidos", "GÓMEZ ROJAS"),
                            ("#celular", "3154447788"), ("#direccion", "Calle 10 # 5-20"),
                            ("#email", "laura.rojas@example.com"), ("#email_confirmacion", "laura.rojas@example.com"),
                            ("#respuesta", "Colegio San Bartolomé")):
        page.fill(selector, value)
    page.select_option("#tipo_documento", "CC")
    page.select_option("#pregunta", index=1)
    page.check("#novedades")
    page.check("#terminos")
    cam.shot(flow, "2", "El formulario de persona natural: identificación, nombres, celular, dirección, correo y su "
             "confirmación, pregunta y respuesta de seguridad, novedades de PSE y aceptación de los términos.",
             "formulario")
    cam.click("#enviar")
    cam.shot(flow, "3", "\"Registrar\" termina el registro.", "registrado")
    cam.mailbox("laura.rojas@example.com")
    cam.shot(flow, "3", "El usuario recibe un correo que confirma el registro (el buzón del simulador).", "correo")
    return flow


def network(cam: Camera) -> Flow:
    flow = Flow("coopcentral", "Pago PSE con una cuenta de la cooperativa (Red Coopcentral)",
                "pse-coopcentral.md, \"Paying through PSE with a cooperative account\"")
    page = cam.page
    identifier = start(cam.url, new_reference(), total="119000", vat="19000",
                       description="Pedido 7 tienda demo").value("inicio_pagoV2Result")
    page.goto(f"{cam.url}/t_demo/pago.asp?estado_pago=iniciar_pago&identificador={identifier}")
    cam.shot(flow, "1", "En el sitio del comercio se revisa lo que se paga y se elige PSE.", "comercio")
    page.check("#terminos")
    page.check("#fp-pse")
    page.check("#persona-natural")
    page.select_option("#banco", "1066")
    cam.shot(flow, "2", "Se elige \"Banco Cooperativo Coopcentral\" en la lista de bancos y se paga.", "banco")
    cam.click("#pagar")
    page.fill("#email", NICK_EMAIL)
    cam.shot(flow, "3", "En PSE se escribe el correo registrado y \"Ir al Banco\".", "pse")
    with page.expect_navigation():
        page.get_by_role("button", name="Ir al Banco").click()
    page.select_option("#tipo_documento", "CC")
    page.fill("#numero_documento", "1033370434")
    cam.shot(flow, "4", "En la página de Coopcentral se elige el tipo de documento y se escribe el número; "
             "\"Continuar\".", "documento")
    cam.click("#continuar")
    page.check("#entidad-alianza")
    cam.shot(flow, "5", "Con el documento se listan las entidades de la red donde el asociado tiene productos "
             "activos; se elige una (Alianza) y \"Continuar\".", "entidades")
    cam.click("#continuar")
    page.fill("#usuario", "nrivera")
    cam.shot(flow, "6", "Portal Transaccional (personas naturales): el usuario asignado en el registro; "
             "\"Continuar\".", "usuario")
    cam.click("#continuar")
    cam.solve_sum()
    page.fill("#clave", "clave-red")
    cam.shot(flow, "6", "La verificación contra robots y la contraseña; \"Ingresar\". Hay enlaces para el usuario "
             "o la contraseña olvidados.", "clave")
    cam.click("#ingresar")
    page.check("#cuenta-4010023344")
    cam.shot(flow, "7", "Se elige la cuenta de la entidad a debitar; el portal muestra \"Datos del pago\" y se "
             "pulsa \"Pagar\".", "cuentas")
    cam.click("#pagar")
    cam.shot(flow, "8", "Si la cuenta no tiene fondos, supera su tope o la frecuencia permitida, el débito se "
             "rechaza y se puede elegir otra cuenta.", "rechazo")
    page.check("#cuenta-4010015566")
    cam.click("#pagar")
    code = next(found.group(1) for m in json_get(cam.url, f"/_sim/inbox?para={NICK_MOBILE}")
                if (found := NETWORK_CODE.search(m["cuerpo"])))
    page.fill("#codigo_seguridad", code)
    cam.shot(flow, "9", "Un código de seguridad llega al correo y al celular del asociado; se escribe y se pulsa "
             "\"Aceptar\".", "codigo")
    cam.click("#aceptar")
    cam.shot(flow, "10", "El comprobante \"Pago realizado exitosamente\" con la cuenta, los datos del pago, la "
             "fecha de pago y el número de transacción; se puede cancelar o regresar al comercio.", "comprobante")
    cam.click("#regresar")
    cam.shot(flow, "10", "De vuelta en el comercio, la pasarela muestra el resultado del pago.", "pasarela")
    return flow


FLOWS: dict[str, Callable[[Camera], Flow]] = {"recaudo": recaudo, "registro": registration, "coopcentral": network}


def markdown(flows: list[Flow]) -> str:
    lines = [
        "# Pantallas: cada paso de los instructivos",
        "",
        "Generado por `./dev pantallas` (`tests/browser/pantallas.py`): un simulador propio, Chromium y los",
        "pasos de cada instructivo tal como los resumen los archivos de especificación. No editar a mano.",
        "",
    ]
    for flow in flows:
        lines += [f"## {flow.title}", "", f"Fuente: {flow.source}.", "", "| paso | lo que dice el instructivo | pantalla |",
                  "|---|---|---|"]
        for step in flow.steps:
            lines.append(f"| {step.number} | {step.text.replace('|', '/')} | "
                         f"![{flow.slug} {step.number}](pantallas/{step.image}) |")
        lines.append("")
    return "\n".join(lines)


def generate(out: Path = DOCS) -> list[Flow]:
    """Run every flow against a fresh simulator; write <out>/pantallas/*.png and <out>/pantallas.md (always the
    three flows together, so the document never loses one)."""
    reason = chromium_missing_reason()
    if reason:
        raise SystemExit(f"pantallas: {reason}")
    folder = out / "pantallas"
    folder.mkdir(parents=True, exist_ok=True)
    chosen = list(FLOWS)
    for old in folder.glob("*.png"):
        old.unlink()
    flows = []
    with tempfile.TemporaryDirectory() as tmp, SimulatorProcess(Path(tmp) / "pasarela.sqlite3", env=ENV) as sim, \
            chromium() as browser:
        for name in chosen:
            context = browser.new_context(locale="es-CO", viewport=VIEWPORT)
            context.set_default_timeout(TIMEOUT_MS)
            try:
                flows.append(FLOWS[name](Camera(context.new_page(), sim.url, folder)))
            finally:
                context.close()
    (out / "pantallas.md").write_text(markdown(flows) + "\n", encoding="utf-8")
    return flows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Genera docs/pantallas.md con una captura por paso.")
    parser.add_argument("--out", type=Path, default=DOCS, help="carpeta de salida (por defecto docs/)")
    args = parser.parse_args(argv)
    flows = generate(args.out)
    for flow in flows:
        print(f"{flow.slug}: {len(flow.steps)} pantallas")
    print(f"escrito {args.out / 'pantallas.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
