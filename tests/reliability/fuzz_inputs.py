"""Hypothesis strategies for the fuzz test: what a hostile or broken client can send to each entry point.

SOAP: valid envelopes of every operation with generated element values (unicode, control characters,
huge strings, numbers out of range, markup), dropped and repeated elements, SOAP 1.1/1.2 and content
types crossed; and valid envelopes with their bytes mutated. Pages: every form of the tour posted with
generated field values (sometimes without its token, sometimes as random bytes), and the pages' query
strings. The control API: JSON of every shape for each endpoint (never fault rules: they would make the
simulator fail on purpose). Issue 14's classes are seeds of their own: bodies in unknown charsets (forms and
the control API), JSON nested up to 5,000 deep, and over-long or odd paths under the static routes.
"""
from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass, field

from hypothesis import strategies as st

from tests.reliability.envelopes import CONTENT_TYPES, OPERATIONS, SOAP11, SOAP12
from tests.reliability.tour import Stop

MARK = "<zz-fuzz>"  # markup that no page may echo unescaped
SPECIALS = ["", " ", MARK, "<script>alert(1)</script>", "]]>", "&amp;", "&#0;", "&bogus;", "NaN", "INF", "-INF",
            "1e400", "-0", "0x1F", "1,5", "1.005", "99999999999999999999999999999", "-2147483649", "2147483648",
            "' OR '1'='1", "%00", "../../etc/passwd", "{{7*7}}", "\u202e", "\ufeff", "😀" * 10, "ñ" * 71,
            "2026-02-30", "0001-01-01", "9999-12-31T23:59:59", "OK", "PENDING", "4111111111111111",
            "²³", "٣٤٥", "１２３", "1700000000.²", "²." + "0" * 40, "⁴¹¹¹¹¹¹¹¹¹¹¹¹¹¹¹"]  # digits str.isdigit() takes


@dataclass
class Request:
    kind: str  # soap, soap-bytes, form, page, control
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    stop: int | None = None  # the tour's browser that sends it (its cookies)


REFERENCES = st.integers(10**17, 10**18 - 1)  # id_pago, ticket: drawn, so a test case replays exactly
text_values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x2FF), max_size=80),
    st.text(alphabet=st.characters(max_codepoint=31), max_size=8),  # control characters
    st.text(alphabet="0123456789.,-+eE ", max_size=30),  # number-like
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.floats().map(repr),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(SPECIALS),
    st.integers(100, 70_000).map(lambda n: "9" * n),
    st.integers(100, 70_000).map(lambda n: "x" * n),
)


@st.composite
def soap_structured(draw) -> Request:
    op = draw(st.sampled_from(OPERATIONS))
    values: dict[str, str | list[str] | None] = dict(op.valid_values(draw(REFERENCES)))
    names = [e.name for e in op.elements] + ["elemento_desconocido"]
    for name in draw(st.lists(st.sampled_from(names), max_size=4, unique=True)):
        how = draw(st.sampled_from(["value", "value", "value", "drop", "repeat"]))
        if how == "drop":
            values[name] = None
        elif how == "repeat":
            values[name] = [draw(text_values), draw(text_values)]
        else:
            values[name] = draw(text_values)
    soap_ns = draw(st.sampled_from([SOAP11, SOAP12]))
    content_type = draw(st.sampled_from([CONTENT_TYPES[soap_ns], CONTENT_TYPES[SOAP11], CONTENT_TYPES[SOAP12],
                                         "text/xml; charset=iso-8859-1", "application/json", ""]))
    body = op.body(values, soap_ns, raw=draw(st.integers(0, 9)) == 0).encode("utf-8", "surrogatepass")
    return Request("soap", "POST", op.path, body, {"Content-Type": content_type} if content_type else {})


@st.composite
def soap_mutated(draw) -> Request:
    op = draw(st.sampled_from(OPERATIONS))
    body = bytearray(op.body(op.valid_values(draw(REFERENCES))).encode())
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(body)))
        how = draw(st.sampled_from(["insert", "delete", "replace", "truncate"]))
        if how == "insert":
            body[at:at] = draw(st.binary(min_size=1, max_size=24))
        elif how == "delete":
            del body[at:at + draw(st.integers(1, 40))]
        elif how == "replace" and body:
            body[min(at, len(body) - 1)] = draw(st.integers(0, 255))
        else:
            del body[at:]
    return Request("soap-bytes", "POST", op.path, bytes(body), {"Content-Type": CONTENT_TYPES[SOAP11]})


def form_post(stops: list[Stop]):
    @st.composite
    def strategy(draw) -> Request:
        index = draw(st.integers(0, len(stops) - 1))
        stop = stops[index]
        fields = dict(stop.form.defaults())
        names = stop.form.visible + list(stop.form.hidden) + ["campo_extra"]  # tokens and ids too
        for name in draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True)):
            fields[name] = draw(text_values)
        if draw(st.integers(0, 9)) == 0:
            fields.pop("csrf", None)
        if draw(st.integers(0, 14)) == 0:
            body = draw(st.binary(max_size=300))  # not a form at all
        else:
            body = urllib.parse.urlencode(fields, encoding="utf-8", errors="surrogatepass").encode()
        content_type = draw(st.sampled_from(["application/x-www-form-urlencoded"] * 6 + [
            "application/x-www-form-urlencoded; charset=latin-1", "multipart/form-data; boundary=zz", "text/plain",
            *ODD_CHARSET_FORMS]))
        return Request("form", "POST", stop.action, body, {"Content-Type": content_type}, index)
    return strategy()


ODD_CHARSETS = ["bogus", "utf-99", "x-\u00f1", "", "utf-8; charset=bogus"]
ODD_CHARSET_FORMS = [f"application/x-www-form-urlencoded; charset={c}" for c in ODD_CHARSETS[:3]] + [
    "multipart/form-data; boundary=zz; charset=bogus"]


@st.composite
def deep_json(draw) -> bytes:
    """Arrays or objects nested from 30 to 5,000 deep, balanced or not, sometimes inside a key the endpoint
    reads."""
    depth = draw(st.sampled_from([30, 64, 65, 100, 1_000, 5_000]) | st.integers(30, 5_000))
    kind = draw(st.sampled_from(["list", "dict", "mixed"]))
    opening = {"list": "[" * depth, "dict": '{"a": ' * depth, "mixed": '[{"a": ' * (depth // 2)}[kind]
    closing = {"list": "]" * depth, "dict": "}" * depth, "mixed": "}]" * (depth // 2)}[kind]
    inner = opening + "1" + (closing if draw(st.integers(0, 4)) else "")
    key = draw(st.sampled_from(["segundos", "estado", "nombre", "url_retorno", None]))
    return (f'{{"{key}": {inner}}}' if key else inner).encode()


@st.composite
def long_path(draw) -> Request:
    """Paths the static routes (and the router) must answer 404 or 400, never 500: over-long names (a
    file name over 255 bytes was ENAMETOOLONG), deep ones, traversal, encoded dots."""
    prefix = draw(st.sampled_from(["/static/", "/recaudo/static/", "/", "/t_demo/", "/_sim/", "/recaudo/"]))
    name = draw(st.one_of(
        st.integers(200, 4_000).map(lambda n: "a" * n),
        st.integers(50, 1_500).map(lambda n: "a/" * n + "x.css"),
        st.sampled_from(["../cli.py", "%2e%2e/%2e%2e/etc/passwd", "sim.css/", "sim.css/x", "./sim.css", "~", "%00"]),
        st.text(alphabet=st.characters(min_codepoint=0x80, max_codepoint=0x2FF), min_size=100, max_size=300)
        .map(urllib.parse.quote),
    ))
    return Request("path", draw(st.sampled_from(["GET", "HEAD"])), prefix + name)


PAGE_QUERIES = [
    ("/t_demo/pago.asp", ("estado_pago", "identificador")), ("/T_DEMO/PAGO.ASP", ("estado_pago", "identificador")),
    ("/PSEUserRegister/StartTransaction.htm", ("enc", "email")), ("/banco/1022", ("enc",)), ("/banco/1066", ("enc",)),
    ("/PSEUserRegister/Registro", ("enc", "tipo", "accion")), ("/PSEUserRegister/Registro/natural/registrar", ("enc",)),
    ("/recaudo/retorno", ("id_comercio", "id_pago")), ("/recaudo/", ("m",)), ("/recaudo/codigo", ("m",)),
    ("/coopcentral/pse", ("enc",)), ("/coopcentral/portal/comprobante", ("x",)), ("/_sim/inbox", ("para",)),
    ("/_sim/journal", ("operacion", "canal", "desde", "limite")), ("/_sim/", ("x",)), ("/_sim/buzon", ("para",)),
]


@st.composite
def page_query(draw) -> Request:
    path, names = draw(st.sampled_from(PAGE_QUERIES))
    query = {name: draw(text_values) for name in names if draw(st.booleans())}
    if path == "/t_demo/pago.asp" and draw(st.booleans()):
        query["estado_pago"] = draw(st.sampled_from(["iniciar_pago", "respuesta", "comprobante", "pagar"]))
    text = urllib.parse.urlencode(query, errors="surrogatepass")
    return Request("page", "GET", f"{path}?{text}" if text else path)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
MERCHANT_KEYS = ["nombre", "nit", "clave_inicio", "usuario_v4", "clave_v4", "codigo_servicio", "t_ruta", "url_retorno",
                 "separadores_compactos", "telefono_soporte", "correo_soporte", "habilitado"]
CONTROL = [  # (method, path template, keys the endpoint reads)
    ("POST", "/_sim/payments/{payment}/outcome", ["estado", "forma_pago"]),
    ("GET", "/_sim/payments/{payment}", []),
    ("GET", "/_sim/payments", []),
    ("POST", "/_sim/clock/advance", ["segundos"]),
    ("POST", "/_sim/clock/reset", []),
    ("GET", "/_sim/clock", []),
    ("PUT", "/_sim/merchants/{merchant}", MERCHANT_KEYS),
    ("PATCH", "/_sim/merchants/{merchant}", MERCHANT_KEYS),
    ("GET", "/_sim/merchants/{merchant}", []),
    ("POST", "/_sim/merchants/{merchant}/siguiente-resultado", ["estado", "forma_pago"]),
    ("DELETE", "/_sim/merchants/{merchant}/siguiente-resultado", []),
    ("POST", "/_sim/pse/transacciones/{cus}/estado", ["estado"]),
    ("GET", "/_sim/pse/transacciones/{cus}", []),
    ("GET", "/_sim/faults", []),
    ("DELETE", "/_sim/faults/{merchant}", []),
    ("GET", "/_sim/red-coopcentral/cuentas", []),
    ("GET", "/_sim/red-coopcentral/debitos/{cus}", []),
]


def control_call(payments: list[str], transactions: list[str]):
    ids = st.one_of(st.sampled_from(payments or ["42750000"]), st.text(max_size=12).map(urllib.parse.quote),
                    st.integers(-(2**70), 2**70).map(str))
    cuses = st.one_of(st.sampled_from(transactions or ["1468000"]), st.text(max_size=12).map(urllib.parse.quote))
    merchants = st.one_of(st.integers(7000, 7050).map(str), st.text(max_size=8).map(urllib.parse.quote))

    @st.composite
    def strategy(draw) -> Request:
        method, template, keys = draw(st.sampled_from(CONTROL))
        path = template.format(payment=draw(ids), merchant=draw(merchants), cus=draw(cuses))
        body = None
        if method in ("POST", "PUT", "PATCH"):
            if keys and draw(st.integers(0, 3)) > 0:  # the endpoint's own keys, values of any shape
                chosen = draw(st.lists(st.sampled_from(keys), max_size=len(keys), unique=True))
                payload = {k: draw(st.one_of(json_values, st.integers(-5, 5000))) for k in chosen}
                if "segundos" in payload and draw(st.booleans()):
                    payload["segundos"] = draw(st.integers(-100, 86_400))
            else:
                payload = draw(json_values)
            shape = draw(st.integers(0, 11))
            body = (json.dumps(payload).encode() if shape < 9 else draw(st.binary(max_size=60)) if shape == 9
                    else draw(deep_json()))
        content_type = "application/json"
        if draw(st.integers(0, 11)) == 0:
            content_type += f"; charset={draw(st.sampled_from(ODD_CHARSETS))}"
        return Request("control", method, path, body, {"Content-Type": content_type})
    return strategy()


def any_request(stops: list[Stop], payments: list[str], transactions: list[str]):
    return st.one_of(soap_structured(), soap_mutated(), form_post(stops), form_post(stops), page_query(),
                     control_call(payments, transactions), long_path())
