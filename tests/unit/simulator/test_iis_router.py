"""The IIS router: every registered path answers in any case of its ASCII letters, nothing else changes."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from simulator.web.iis_router import IisRouter, fold_case, iis_application, path_under


NAME = web.AppKey("name", str)


async def _named(request: web.Request) -> web.Response:
    route = request.match_info.route.resource.canonical if request.match_info.route.resource else "?"
    return web.json_response({"route": route, "path": request.path, "match": dict(request.match_info),
                              "query": sorted(request.query.keys()), "app": request.app[NAME]})


def _app(static: Path) -> web.Application:
    app = iis_application()
    app[NAME] = "root"
    app.router.add_route("*", "/ws_inicio_pagov2/Zpagos.asmx", _named)
    app.router.add_get("/_sim/health", _named)
    app.router.add_post("/_sim/reset", _named)
    app.router.add_get("/_sim/payments/{identifier}", _named)
    app.router.add_get(r"/{route:[A-Za-z0-9_\-]{1,40}}/{page:[Pp][Aa][Gg][Oo]\.[Aa][Ss][Pp]}", _named)
    app.router.add_get(r"/banco/{code:\d{4}}", _named)
    app.router.add_static("/static", static)
    portal = web.Application()
    portal[NAME] = "portal"
    portal.router.add_get("/", _named)
    portal.router.add_get("/retorno", _named)
    portal.router.add_static("/static", static / "portal")
    app.add_subapp("/recaudo/", portal)
    return app


@pytest.fixture
def static(tmp_path: Path) -> Path:
    (tmp_path / "gateway.css").write_text("body{}")
    (tmp_path / "portal").mkdir()
    (tmp_path / "portal" / "Portal.js").write_text("//js")
    return tmp_path


@pytest.fixture
async def client(static: Path):
    async with TestClient(TestServer(_app(static))) as test_client:
        yield test_client


@pytest.mark.parametrize(("sent", "route", "match"), [
    ("/WS_INICIO_PAGOV2/ZPAGOS.ASMX?WSDL", "/ws_inicio_pagov2/Zpagos.asmx", {}),
    ("/ws_inicio_pagov2/zpagos.asmx", "/ws_inicio_pagov2/Zpagos.asmx", {}),
    ("/_SIM/HEALTH", "/_sim/health", {}),
    ("/_Sim/Payments/AbC-1", "/_sim/payments/{identifier}", {"identifier": "AbC-1"}),
    ("/T_DEMO/PAGO.ASP", r"/{route}/{page}", {"route": "T_DEMO", "page": "PAGO.ASP"}),
    ("/BANCO/1022", "/banco/{code}", {"code": "1022"}),
    ("/RECAUDO/", "/recaudo/", {}),
    ("/Recaudo/Retorno", "/recaudo/retorno", {}),
])
async def test_every_kind_of_route_answers_in_any_case(client, sent, route, match):
    answer = await client.get(sent)
    assert answer.status == 200
    body = await answer.json()
    assert (body["route"], body["match"]) == (route, match)
    assert body["path"] == sent.split("?")[0]  # the handler still sees the path as it was sent


async def test_the_query_keeps_its_names_and_the_sub_application_its_own_state(client):
    body = await (await client.get("/RECAUDO/RETORNO?id_comercio=1&ID_PAGO=2")).json()
    assert body["query"] == ["ID_PAGO", "id_comercio"] and body["app"] == "portal"


@pytest.mark.parametrize(("sent", "text"), [
    ("/static/GATEWAY.CSS", "body{}"), ("/STATIC/gateway.css", "body{}"), ("/static/gateway.css", "body{}"),
    ("/Recaudo/Static/portal.JS", "//js"), ("/recaudo/static/Portal.js", "//js"),
])
async def test_static_files_are_found_by_their_name_in_any_case(client, sent, text):
    answer = await client.get(sent)
    assert answer.status == 200 and await answer.text() == text


@pytest.mark.parametrize("sent", ["/nada", "/_SIM/NADA", "/static/nada.css", "/STATIC/NADA.CSS", "/recaudo/nada",
                                  "/BANCO/12", "/static/../gateway.css", "/static/%2E%2E/x", "/_ſim/health",
                                  "/_sim/heaLth/", "/static/GATEWAY.CSS/x"])
async def test_a_path_that_exists_in_no_case_is_still_404(client, sent):
    assert (await client.get(sent)).status == 404


async def test_a_known_path_with_another_method_is_405_in_any_case(client):
    assert (await client.get("/_SIM/RESET")).status == 405


async def test_the_fast_path_resolves_without_looking_for_spellings(static, monkeypatch):
    app = _app(static)
    async with TestClient(TestServer(app)) as test_client:
        router = app.router
        assert isinstance(router, IisRouter)

        def forbidden(*args, **kwargs):
            raise AssertionError("an exact path must not look for other spellings")
        monkeypatch.setattr(router, "_at", forbidden)
        assert (await test_client.get("/ws_inicio_pagov2/Zpagos.asmx")).status == 200
        assert (await test_client.get("/static/gateway.css")).status == 200


def test_only_ascii_letters_fold():
    assert fold_case("/_SIM/Ñandú/K") == "/_sim/Ñandú/k"
    assert path_under("/_SIM/health", "/_sim/") and not path_under("/_ſim/health", "/_sim/")
    assert not path_under("/_sim", "/_sim/")


def test_the_application_is_built_without_the_routers_deprecation_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert isinstance(iis_application().router, IisRouter)


async def test_a_spelling_found_once_is_remembered_and_answers_the_same(static):
    app = _app(static)
    async with TestClient(TestServer(app)) as test_client:
        first = await (await test_client.get("/_SIM/Payments/X1")).json()
        again = await (await test_client.get("/_SIM/Payments/X1")).json()
        assert first == again and first["route"] == "/_sim/payments/{identifier}"
        assert app.router._remembered == {"/_SIM/Payments/X1": "/_sim/payments/X1"}
        assert (await test_client.get("/_SIM/NADA")).status == 404
        assert "/_SIM/NADA" not in app.router._remembered  # only what was found


async def test_a_static_file_added_after_the_start_is_found_in_any_case(client, static):
    (static / "Nuevo.TXT").write_text("nuevo")
    answer = await client.get("/STATIC/nuevo.txt")
    assert answer.status == 200 and await answer.text() == "nuevo"
