"""The control API is described by a valid OpenAPI document that covers every /_sim/ route, and the
dashboard shows payments, the journal and the inbox."""
from __future__ import annotations

import json
import re
import urllib.request

import pytest
from openapi_spec_validator import validate

from simulator.openapi import openapi_document
from simulator.settings import Settings
from tests.wire.soap_helpers import control, get, new_reference, start

pytestmark = pytest.mark.wire


def test_the_served_document_is_valid_openapi(simulator):
    with urllib.request.urlopen(f"{simulator.url}/_sim/openapi.json", timeout=5) as response:
        document = json.loads(response.read())
    validate(document)
    assert document["openapi"].startswith("3.1")


def test_every_control_route_is_described(tmp_path):
    from simulator.bootstrap import bootstrap, prepare_database

    settings = Settings(db=str(tmp_path / "doc.sqlite3"))
    prepare_database(settings)
    app = bootstrap(settings).app()
    described = openapi_document()["paths"]
    missing = []
    for route in app.router.routes():
        path = route.resource.canonical if route.resource else ""
        if path.startswith("/_sim") and route.method != "HEAD":
            normalised = re.sub(r"\{(\w+)\}", r"{\1}", path)
            if route.method.lower() not in described.get(normalised, {}):
                missing.append(f"{route.method} {path}")
    assert missing == []


def test_the_dashboard_lists_a_new_payment_and_escapes_what_merchants_send(simulator):
    reference = new_reference()
    start(simulator.url, reference, description="&lt;script&gt;alert(1)&lt;/script&gt;")
    page = get(f"{simulator.url}/_sim/").body.decode()
    assert reference in page and "Tablero del simulador" in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
