"""A typed control endpoint: one row of the control API's route table, which both serves the route and
describes it in the OpenAPI document (simulator/openapi.py builds the document from these rows only).

Adding a typed endpoint to the control API is three small steps:

1. pydantic models for what it takes and what it answers (input models `extra="forbid"`; keys in Spanish,
   an old spelling as `AliasChoices` for one release), beside the handler in the slice's control module;
2. a thin `async def handler(call: Call) -> Model | list[Model] | Page[Model]`: `call.body` and `call.query`
   are already validated models, `call.path` the path's parameters; domain errors raise as usual (400/409);
3. an `Endpoint(...)` row in the module's `endpoints()` list, naming method, path, summary, models, the
   errors it documents (404, 409) and whether it pages. `simulator/app.py` registers the module's rows; the
   document, the validation of bodies and query strings and the `Link: <…>; rel="next"` header follow.

Bad input never reaches a handler: a body or query the model refuses is a 400 problem naming the field.
A complete example, served and described: tests/unit/simulator/test_control_endpoint.py.
"""
from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simulator.control.problems import invalid_fields, read_json

T = TypeVar("T", bound=BaseModel)
ENDPOINTS: web.AppKey[list[Endpoint]] = web.AppKey("control_endpoints", list)  # what the app registered
MAX_PAGE = 1000


class NoQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")


class PageQuery(BaseModel):
    """`limite` (items per page) and `desde` (the cursor the previous page's `siguiente` link carries)."""

    model_config = ConfigDict(extra="ignore")  # `token` may travel in the query string

    limite: int = Field(100, ge=1, le=MAX_PAGE, description="Elementos por página (1 a 1000)")
    desde: str | None = Field(None, max_length=80, pattern=r"^[0-9A-Za-z:+._-]+$",
                              description="Cursor: el de la cabecera Link rel=\"next\" de la página anterior")


@dataclass
class Page(Generic[T]):
    """One page of a list and the cursor of the next one (None on the last page)."""

    items: list[T]
    next_cursor: str | None = None

    @classmethod
    def of(cls, rows: list[Any], limit: int, item: Callable[[Any], T], cursor: Callable[[Any], str]) -> Page[T]:
        """`rows` fetched with `limit + 1`: the extra row only says there is a next page, and where it starts."""
        more = len(rows) > limit
        return cls([item(r) for r in rows[:limit]], cursor(rows[limit]) if more else None)


@dataclass
class Call:
    """What a handler receives: the request, its validated body and query, the path's parameters."""

    request: web.Request
    body: Any
    query: Any
    path: Mapping[str, str]


Handler = Callable[[Call], Awaitable[Any]]


@dataclass(frozen=True)
class Endpoint:
    """One operation of the control API: how it is served and how it is described."""

    method: str
    path: str
    summary: str
    handler: Handler
    answer: Any = None  # a model, list[Model], a Page's item model (with paged=True), or None for html
    body: type[BaseModel] | None = None
    query: type[BaseModel] = NoQuery
    status: int = 200
    errors: tuple[int, ...] = ()  # documented beyond 400 (bad input) and 401 (token): 404, 409...
    paged: bool = False
    html: bool = False  # answers a page (text/html) built by the handler
    guarded: bool = True  # the control token applies (simulator/control/security.py)
    path_doc: dict[str, str] = field(default_factory=dict)  # parameter → description
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.html and self.answer is None:
            raise ValueError(f"{self.method} {self.path}: a JSON endpoint names its answer model")
        if self.paged and not issubclass(self.query, PageQuery):
            raise ValueError(f"{self.method} {self.path}: a paged endpoint takes a PageQuery")

    def route(self) -> web.RouteDef:
        return web.route(self.method, self.path, self._serve)

    async def _serve(self, request: web.Request) -> web.StreamResponse:
        try:
            query = self.query.model_validate({k: request.query.get(k) for k in request.query})
            body = self.body.model_validate(await read_json(request)) if self.body is not None else None
        except ValidationError as error:
            raise invalid_fields(error) from None
        result = await self.handler(Call(request, body, query, request.match_info))
        if isinstance(result, web.StreamResponse):
            return result
        headers = {}
        if isinstance(result, Page):
            if result.next_cursor is not None:
                headers["Link"] = f'<{next_link(request, result.next_cursor)}>; rel="next"'
            result = result.items
        return web.Response(status=self.status, text=json.dumps(dump(result), ensure_ascii=False),
                            content_type="application/json", headers=headers)


def dump(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [dump(v) for v in value]
    return value


def next_link(request: web.Request, cursor: str) -> str:
    """The same path and filters (the token too, when it came in the query), `desde` set to the cursor."""
    query = {k: v for k, v in request.query.items() if k != "desde"}
    query["desde"] = cursor
    return f"{request.path}?{urlencode(query)}"
