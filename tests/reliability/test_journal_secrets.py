"""Issue 14, items 1–3, each reproduced through the real entry point (HTTP to a `pasarela serve` process):
no card number, CVV, password or security answer in the journal whatever the encoding, CDATA, comments or
percent-encoding the client used; DTDs refused in every encoding; numbers are ASCII digits only.

After the requests, the journal (through /_sim/journal), the journal file, the database and the process log
are searched for each secret as ASCII, UTF-16 and UTF-32 bytes."""
from __future__ import annotations

import asyncio
import re
import urllib.parse
import uuid

import pytest

from simulator.process import SimulatorProcess
from tests.reliability.browser import Browser
from tests.reliability.flows import page_path, start_payment
from tests.stored_data import stored_bytes
from tests.wire.pse_helpers import created, page
from tests.wire.soap_helpers import SOAP11, post
from tests.wire.test_pse_pages_wire import registration_fields
from tests.wire.token_helpers import TOKENTC_PATH, tokentc_body

pytestmark = pytest.mark.wire

PAN, CVV, PASSWORD = "4539148803436467", "518", "Zq9-secreto-del-diario"
PAGE_PAN, PAGE_CVV = "5555555555554444", "083"
ANSWER = "Pelusa-Respuesta-77"
ENCODINGS = ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    with SimulatorProcess(tmp_path_factory.mktemp("journal-secrets") / "journal.sqlite3") as process:
        yield process


def byte_patterns(text: str) -> list[bytes]:
    return [text.encode(codec) for codec in ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")]


def tokentc(encoding: str, **changes: str) -> bytes:
    xml = tokentc_body(clave=PASSWORD, numero_tarjeta=PAN, codigo_seguridad=CVV, **changes)
    xml = xml.replace('encoding="utf-8"', f'encoding="{encoding.split("-")[0]}-{encoding.split("-")[1]}"')
    return xml.encode(encoding)


def journal_text(url: str) -> str:
    async def read() -> str:
        async with Browser(url) as browser:
            _, entries = await browser.json("GET", "/_sim/journal?limite=1000")
        return "\n".join(f"{e.get('solicitud', '')}\n{e.get('respuesta', '')}" for e in entries)
    return asyncio.run(read())


def test_secrets_never_reach_the_journal_the_files_or_the_log_in_any_encoding_or_shape(sim):
    for encoding in ENCODINGS:  # the encoding declared and the HTTP charset agree, as a .NET client sends them
        answer = post(sim.url + TOKENTC_PATH, tokentc(encoding), f"text/xml; charset={encoding}")
        assert answer.status == 200, (encoding, answer.body[:300])
    shapes = [("4539<!---->148803436467", f"<![CDATA[{CVV}]]>"), (f"4539<![CDATA[1488]]>03436467", f"5<!-- -->18")]
    for pan, cvv in shapes:
        body = tokentc_body(clave=PASSWORD, numero_tarjeta="@PAN@", codigo_seguridad="@CVV@")
        assert post(sim.url + TOKENTC_PATH, body.replace("@PAN@", pan).replace("@CVV@", cvv)).status == 200
    asyncio.run(pay_with_percent_encoded_names(sim.url))
    register_with_a_security_answer(sim.url)
    post_json_apis_as_forms(sim.url)

    journal = journal_text(sim.url)
    assert "Tokentc_crear" in journal and "************6467" in journal  # the entries are there, masked
    assert "numero_tarjeta=************4444" in journal and "respuesta=****" in journal
    for secret in (PAN, PASSWORD, PAGE_PAN, ANSWER):
        assert secret not in journal, secret
    assert f">{CVV}<" not in journal and f"={PAGE_CVV}" not in journal
    disk, log = stored_bytes(sim.db), sim.output()
    for secret in (PAN, PASSWORD, PAGE_PAN, ANSWER):
        for pattern in byte_patterns(secret):
            assert pattern not in disk, (secret, pattern[:8])
        assert secret not in log
    for cvv in (CVV, PAGE_CVV):  # a CVV alone is short: look for it as a field's value
        assert re.search(rb"""[>"'=:]\s*""" + cvv.encode() + rb"""\s*[<"'&,]""", disk) is None, cvv


def post_json_apis_as_forms(url: str) -> None:
    """The REST APIs' JSON posted as curl's default form (refused: 415): the form parser cuts the JSON text at its
    `&` and `=` into names and values that are no form's fields, with the password inside them."""
    verify = ('{"int_id_comercio":1001,"str_usr_comercio":"usuario-v4","str_pwd_Comercio":"%s","str_id_pago":"1",'
              '"int_no_pago":-1}' % PASSWORD)
    charge = ('{"int_id_comercio":1001,"str_usuario":"usuario-v4","str_clave":"%s=&x","str_tipo_identificador":"1"}'
              % PASSWORD)
    for path, body in (("/Apis_CicloPago/api/VerificacionPago", verify), ("/ApisToken/api/PagoAPTC", charge)):
        answer = post(url + path, body, "application/x-www-form-urlencoded")
        assert answer.status == 415, (path, answer.body[:300])


async def pay_with_percent_encoded_names(url: str) -> None:
    """The card form with `numero%5Ftarjeta=…&codigo%5Fseguridad=…`: the page decodes the names (and pays);
    the journal keeps the decoded form, masked."""
    async with Browser(url) as browser:
        _, identifier = await start_payment(browser)
        form = await browser.get(page_path(identifier))
        fields = [("estado_pago", "pagar"), ("identificador", identifier), ("terminos", "si"),
                  ("forma_pago", "tarjeta"), ("numero_tarjeta", PAGE_PAN), ("fecha_vencimiento", "12/2031"),
                  ("codigo_seguridad", PAGE_CVV), ("cuotas", "1"), ("nombre_tarjeta", "NICK RIVERA"),
                  ("csrf", form.csrf())]
        body = "&".join(f"{urllib.parse.quote(k, safe='').replace('_', '%5F')}={urllib.parse.quote(v, safe='')}"
                        for k, v in fields)
        answer = await browser.request("POST", "/t_demo/pago.asp", body.encode(),
                                       {"Content-Type": "application/x-www-form-urlencoded"})
        assert answer.status == 303, answer.text[:300]  # approved: the page read the decoded names


def register_with_a_security_answer(url: str) -> None:
    t = created(url)
    start = page(t.bank_url)
    register_link = start.text.split('id="quiero-registrarme" href="')[1].split('"')[0].replace("&amp;", "&")
    choice = page(url + register_link)
    chosen = page(url + "/PSEUserRegister/Registro", {"csrf": choice.csrf(), "nonce": choice.hidden("nonce"),
                                                      "enc": t.token, "tipo_persona": "natural",
                                                      "accion": "registrar"})
    form = page(url + chosen.location)
    email = f"ana.{uuid.uuid4().hex[:8]}@example.com"
    done = page(url + chosen.location, registration_fields(form, email, respuesta=ANSWER))
    assert done.status == 200 and "Registro exitoso" in done.text


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_dtd_is_refused_in_every_encoding(sim, encoding):
    xml = tokentc_body(clave="&e;").replace('<?xml version="1.0" encoding="utf-8"?>', "")
    declared = f'<?xml version="1.0" encoding="{encoding.split("-")[0]}-{encoding.split("-")[1]}"?>'
    body = (declared + '<!DOCTYPE x [<!ENTITY e "clave-v4">]>' + xml).encode(encoding)
    answer = post(sim.url + TOKENTC_PATH, body, f"text/xml; charset={encoding}")
    assert answer.status == 500 and answer.value("faultcode") == "soap:Client"
    assert "DTD is prohibited" in answer.fault


@pytest.mark.parametrize(("element", "digits"), [("id_tienda", "１００１"), ("total_con_iva", "٢٠٠٠٠"),
                                                 ("valor_iva", "٠")])
def test_numbers_are_ascii_digits_only(sim, element, digits):
    body = (f'<soap:Envelope xmlns:soap="{SOAP11}"><soap:Body><inicio_pagoV2 xmlns="http://www.zonapagos.com">'
            f"<id_tienda>1001</id_tienda><clave>clave-inicio</clave><total_con_iva>20000</total_con_iva>"
            f"<valor_iva>0</valor_iva><id_pago>{uuid.uuid4().hex[:12]}</id_pago><descripcion_pago>x"
            "</descripcion_pago><total_codigos_servicio>0</total_codigos_servicio></inicio_pagoV2></soap:Body>"
            "</soap:Envelope>")
    body = re.sub(f"<{element}>[^<]*</{element}>", f"<{element}>{digits}</{element}>", body)
    answer = post(sim.url + "/ws_inicio_pagov2/Zpagos.asmx", body)
    assert answer.status == 500 and answer.value("faultcode") == "soap:Client"
    assert "Input string was not in a correct format" in answer.fault and element in answer.fault


@pytest.mark.parametrize(("field", "digits"), [("transactionValue", "٢٠٠٠٠"), ("ticketId", "１２３")])
def test_ach_numbers_are_ascii_digits_only(sim, field, digits):
    from tests.wire.pse_helpers import create

    answer = create(sim.url, **{field: digits})
    assert answer.status == 500 and "Input string was not in a correct format" in answer.fault and field in answer.fault
