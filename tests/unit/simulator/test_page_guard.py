"""The page handlers' guard: HTTP exceptions pass, expected errors answer their page, others are logged."""
from __future__ import annotations

import asyncio
import logging

import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from simulator.web.guards import page_guard


class Gone(Exception):
    pass


guard = page_guard(logging.getLogger("test.guard"),
                   lambda request, error: web.Response(status=500, text=f"inesperado: {type(error).__name__}"),
                   ((Gone, lambda request, error: web.Response(status=400, text="terminada")),))


class Pages:
    def __init__(self, error: BaseException | None):
        self.error = error

    @guard
    async def page(self, request: web.Request) -> web.StreamResponse:
        if self.error is not None:
            raise self.error
        return web.Response(text="ok")


def answer(error: BaseException | None) -> web.Response:
    return asyncio.run(Pages(error).page(make_mocked_request("GET", "/x")))


def test_a_page_without_errors_answers_itself():
    assert answer(None).text == "ok"


def test_an_expected_error_answers_its_page_and_an_unexpected_one_is_logged(caplog):
    assert (answer(Gone()).status, answer(Gone()).text) == (400, "terminada")
    with caplog.at_level(logging.ERROR, "test.guard"):
        unexpected = answer(KeyError("x"))
    assert (unexpected.status, unexpected.text) == (500, "inesperado: KeyError")
    assert "error inesperado en /x" in caplog.text and "Traceback" in caplog.text


def test_http_exceptions_pass_through():
    with pytest.raises(web.HTTPFound):
        answer(web.HTTPFound("/y"))
