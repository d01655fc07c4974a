"""What adding a typed control endpoint takes, as the engineers adding one do it: models, a thin handler, one
Endpoint row; served with validation and pages, and described by the generated document."""
from __future__ import annotations

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from openapi_spec_validator import validate
from pydantic import BaseModel, ConfigDict, Field

from simulator.control.endpoint import Call, Endpoint, Page, PageQuery
from simulator.control.problems import control_errors
from simulator.openapi import openapi_document


class DeliveryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    destino: str = Field(min_length=1, max_length=50)
    intentos: int = Field(1, ge=1, le=5)


class DeliveryOut(BaseModel):
    id: int
    destino: str
    intentos: int


class DeliveriesQuery(PageQuery):
    desde: int | None = Field(None, ge=0)


def delivery_endpoints(kept: list[DeliveryOut]) -> list[Endpoint]:
    async def add(call: Call) -> DeliveryOut:
        kept.append(DeliveryOut(id=len(kept) + 1, **call.body.model_dump()))
        return kept[-1]

    async def listed(call: Call) -> Page[DeliveryOut]:
        rows = [d for d in kept if d.id >= (call.query.desde or 0)]
        return Page.of(rows, call.query.limite, lambda d: d, lambda d: str(d.id))

    return [Endpoint("POST", "/_sim/entregas", "Registrar una entrega", add, answer=DeliveryOut, body=DeliveryIn,
                     status=201),
            Endpoint("GET", "/_sim/entregas", "Entregas, por id", listed, answer=DeliveryOut, query=DeliveriesQuery,
                     paged=True)]


@pytest.fixture
async def client():
    endpoints = delivery_endpoints([])
    app = web.Application(middlewares=[control_errors])
    app.add_routes([e.route() for e in endpoints])
    async with TestClient(TestServer(app)) as test_client:
        test_client.endpoints = endpoints
        yield test_client


async def test_a_new_endpoint_validates_its_body_and_pages_its_list(client):
    for destino in ("a", "b", "c"):
        assert (await client.post("/_sim/entregas", json={"destino": destino})).status == 201
    refused = await client.post("/_sim/entregas", json={"destino": "", "otro": 1})
    problem = await refused.json()
    assert refused.status == 400 and refused.content_type == "application/problem+json"
    assert {e["campo"] for e in problem["errores"]} == {"destino", "otro"}
    first = await client.get("/_sim/entregas?limite=2")
    assert [d["destino"] for d in await first.json()] == ["a", "b"]
    assert first.headers["Link"] == '</_sim/entregas?limite=2&desde=3>; rel="next"'
    last = await client.get("/_sim/entregas?limite=2&desde=3")
    assert [d["destino"] for d in await last.json()] == ["c"] and "Link" not in last.headers


async def test_a_new_endpoint_is_described_with_its_models_without_writing_a_schema(client):
    document = openapi_document(client.endpoints)
    validate(document)
    post = document["paths"]["/_sim/entregas"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/DeliveryIn"}
    assert post["responses"]["201"]["content"]["application/json"]["schema"]["$ref"].endswith("/DeliveryOut")
    assert document["components"]["schemas"]["DeliveryIn"]["properties"]["intentos"]["maximum"] == 5


def test_a_json_endpoint_without_an_answer_model_is_refused_when_written():
    async def handler(call: Call) -> None:
        return None

    with pytest.raises(ValueError, match="answer model"):
        Endpoint("GET", "/_sim/x", "x", handler)
