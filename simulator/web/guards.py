"""The guard every simulated page handler wears: an unexpected error becomes a Spanish page, logged,
never a traceback."""
from __future__ import annotations

import functools
import logging
from typing import Any, Awaitable, Callable

from aiohttp import web

Handler = Callable[[Any, web.Request], Awaitable[web.StreamResponse]]
Page = Callable[[web.Request, Exception], web.StreamResponse]


def page_guard(log: logging.Logger, unexpected: Page,
               expected: tuple[tuple[type[Exception], Page], ...] = ()) -> Callable[[Handler], Handler]:
    """A decorator for page handlers (methods): HTTP exceptions pass through; an `expected` exception
    answers its own page; anything else is logged and answers `unexpected`."""
    def never_fails(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def wrapped(self: Any, request: web.Request) -> web.StreamResponse:
            try:
                return await handler(self, request)
            except web.HTTPException:
                raise
            except Exception as error:
                for kind, page in expected:
                    if isinstance(error, kind):
                        return page(request, error)
                log.exception("error inesperado en %s", request.path)
                return unexpected(request, error)
        return wrapped
    return never_fails
