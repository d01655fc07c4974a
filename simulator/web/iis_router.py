"""Paths as IIS serves them: the same resource whatever the case of the path's letters (issue 13).

IIS maps a URL onto a case-insensitive file system and case-insensitive handler mappings, so
`/WS_INICIO_PAGOV2/ZPAGOS.ASMX`, `/T_DEMO/Pago.asp`, `/static/GATEWAY.CSS` and `/RECAUDO/` are the
resources registered as `/ws_inicio_pagov2/Zpagos.asmx`, `/t_demo/pago.asp`, `/static/gateway.css` and
`/recaudo/`. `IisRouter` is aiohttp's router with one addition: when a path matches nothing (404), or
names a static file that is not there as spelled, it looks for the registered spelling of the path —
the one that differs only in the case of ASCII letters — and resolves the request again at it. A path
spelled as registered is resolved exactly as aiohttp resolves it, plus a look at the result (~0.2 µs).

Only ASCII letters fold. Python's Unicode-aware case-insensitivity would let `ſ` stand for `s` and
`K` (Kelvin) for `k`, so that a path no prefix comparison recognises (`/_ſim/…`) could reach a handler
under `/_sim/`; `fold_case` and `path_under` compare the way this router matches, for the
middlewares that compare paths. Query parameter names are not touched: only the path is IIS's.
"""
from __future__ import annotations

import os
import re
import string
import warnings
from typing import Any, Callable, Iterable
from urllib.parse import quote

from aiohttp import web
from yarl import URL

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_VARIABLE = re.compile(r"\{([_a-zA-Z][_a-zA-Z0-9]*)\}")  # a variable of a DynamicResource's formatter
_MAX_FILE_DEPTH = 16
_MAX_REMEMBERED = 4096  # spellings found for paths sent in another case (a client sends the same few again)
# What a path segment may carry unescaped (RFC 3986 pchar) and the escapes `path_safe` keeps (%2F, %25).
_PATH_SAFE = "/%!$&'()*+,;=:@~-._"

_resolve_exact = web.UrlDispatcher.resolve  # aiohttp's own resolution (a plain call: the hot path pays no super())
Spelling = Callable[[str, str], "str | None"]  # (path, folded path) -> the registered spelling, or None


def fold_case(path: str) -> str:
    """`path` with its ASCII letters in lower case: the key IIS compares paths by."""
    return path.translate(_ASCII_LOWER)


def path_under(path: str, prefix: str) -> bool:
    """Whether `path` starts with `prefix`, ASCII letters in any case (`/_SIM/health` is under `/_sim/`)."""
    return fold_case(path[:len(prefix)]) == fold_case(prefix)


def iis_application(**kwargs: Any) -> web.Application:
    """A root `web.Application` whose paths are case-insensitive, as on IIS.

    aiohttp deprecates the `router` argument, but a router of one's own is the one way to change how a
    path is resolved before the middlewares run; the warning is silenced here and nowhere else."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="router argument is deprecated", category=DeprecationWarning)
        return web.Application(router=IisRouter(), **kwargs)


class IisRouter(web.UrlDispatcher):
    """aiohttp's router, plus the registered spelling of a path typed in another case."""

    def __init__(self) -> None:
        super().__init__()
        self._spellings: _Spellings | None = None
        self._static_routes: dict[web.AbstractRoute, Spelling] = {}
        self._remembered: dict[str, str] = {}  # path as sent -> the spelling it resolved at

    def freeze(self) -> None:
        super().freeze()
        self._spellings = _Spellings(self.resources())  # every resource is known now, sub-applications' too
        self._static_routes = self._spellings.static_routes

    async def resolve(self, request: web.Request) -> web.UrlMappingMatchInfo:
        match_info = await _resolve_exact(self, request)
        exception = match_info.http_exception
        if exception is None:
            static = self._static_routes.get(match_info.route)
            if static is None:
                return match_info  # the fast path: a path spelled as registered
            path = request.rel_url.path_safe  # a static folder: the file's name may be in another case
            spelled = static(path, fold_case(path))
            if spelled is None or spelled == path:
                return match_info
            found, _ = await self._at(request, [spelled])
            return found or match_info
        if exception.status != 404:
            return match_info
        path = request.rel_url.path_safe
        remembered = self._remembered.get(path)
        if remembered is not None:
            spellings = [remembered]
        else:
            spellings = (self._spellings or _Spellings(self.resources())).of(path)  # no freeze yet: tests
        found, spelling = await self._at(request, spellings)
        if found is None:
            return match_info
        if remembered is None:
            if len(self._remembered) >= _MAX_REMEMBERED:
                self._remembered.clear()
            self._remembered[path] = spelling
        return found

    async def _at(self, request: web.Request, spellings: list[str]) -> tuple[web.UrlMappingMatchInfo | None, str]:
        """The request resolved at the first of `spellings` that matches (and that spelling), or None."""
        folded = fold_case(request.rel_url.path_safe)
        for spelling in spellings:
            # Only the case of ASCII letters may change: what the middlewares compare stays what was sent.
            url = _with_path(request.rel_url, spelling) if fold_case(spelling) == folded else None
            if url is None:
                continue
            found = await _resolve_exact(self, request.clone(rel_url=url))
            if found.http_exception is None or found.http_exception.status != 404:
                return found, spelling
        return None, ""


class _Spellings:
    """Every registered path of an application and its sub-applications, looked up case-insensitively."""

    def __init__(self, resources: Iterable[web.AbstractResource]):
        self._plain: dict[str, str] = {}
        self._patterns: list[Spelling] = []
        self.static_routes: dict[web.AbstractRoute, Spelling] = {}  # a static folder's routes → its spelling
        self._add(resources)

    def _add(self, resources: Iterable[web.AbstractResource]) -> None:
        for resource in resources:
            if isinstance(resource, web.PlainResource):
                self._plain.setdefault(fold_case(resource.canonical), resource.canonical)
            elif isinstance(resource, web.DynamicResource):
                spelling = _dynamic(resource)
                if spelling is not None:
                    self._patterns.append(spelling)
            elif isinstance(resource, web.StaticResource):
                spelling = _static(resource)
                self._patterns.append(spelling)
                self.static_routes.update((route, spelling) for route in resource)
            elif isinstance(resource, web.PrefixedSubAppResource):  # its resources carry its prefix already
                app = resource.get_info().get("app")
                if isinstance(app, web.Application):
                    self._add(app.router.resources())

    def of(self, path: str) -> list[str]:
        """The registered spellings of `path` other than itself, most specific first (a plain path, then
        patterns, static folders and sub-applications in the order they were registered)."""
        folded = fold_case(path)
        found: list[str] = []
        plain = self._plain.get(folded)
        if plain is not None:
            found.append(plain)
        for spelling in self._patterns:
            spelled = spelling(path, folded)
            if spelled is not None and spelled not in found:
                found.append(spelled)
        return [spelled for spelled in found if spelled != path]


def _dynamic(resource: web.DynamicResource) -> Spelling | None:
    """`/_SIM/Payments/ABC` → `/_sim/payments/ABC`: the pattern's literal parts as registered, its
    variables as sent (their own patterns decide, when the request is resolved again)."""
    info = resource.get_info()
    formatter = info.get("formatter", "")
    try:
        pattern = re.compile(info["pattern"].pattern, re.IGNORECASE | re.ASCII)
    except (KeyError, re.error):
        return None
    pieces = _VARIABLE.split(formatter)
    literals, names = pieces[0::2], pieces[1::2]

    def spelling(path: str, folded: str) -> str | None:
        match = pattern.fullmatch(path)
        if match is None:
            return None
        spelled, at = [], 0
        for index, literal in enumerate(literals):
            if fold_case(path[at:at + len(literal)]) != fold_case(literal):
                return None
            spelled.append(literal)
            at += len(literal)
            if index < len(names):
                start, end = match.span(names[index])
                if start != at:
                    return None
                spelled.append(path[start:end])
                at = end
        return "".join(spelled) if at == len(path) else None
    return spelling


def _static(resource: web.StaticResource) -> Spelling:
    """`/Static/GATEWAY.CSS` → `/static/gateway.css`: the prefix as registered, each name as the file
    system spells it (listed when it is not there as sent, so a file added later is found too)."""
    info = resource.get_info()
    prefix, directory = str(info["prefix"]), str(info["directory"])
    folded_prefix = fold_case(prefix) + "/"

    def spelling(path: str, folded: str) -> str | None:
        if not folded.startswith(folded_prefix):
            return None
        names = path[len(folded_prefix):].split("/")
        if len(names) > _MAX_FILE_DEPTH or any("%" in name for name in names):
            return None  # an escaped "/" or "%" in a name: not a file name IIS would fold
        here, spelled = directory, []
        for position, name in enumerate(names):
            real = _entry(here, name)
            if real is None:
                spelled += names[position:]  # not there in any case: the static handler answers 404
                break
            spelled.append(real)
            here = os.path.join(here, real)
        return prefix + "/" + "/".join(spelled)
    return spelling


def _entry(directory: str, name: str) -> str | None:
    """The name of `directory`'s entry that is `name` in some case (itself when it exists as spelled)."""
    if name in ("", ".", ".."):
        return None
    if os.path.lexists(os.path.join(directory, name)):
        return name
    wanted = fold_case(name)
    try:
        with os.scandir(directory) as entries:
            matches = sorted(entry.name for entry in entries if fold_case(entry.name) == wanted)
    except OSError:  # not a folder, or not readable: nothing to find
        return None
    return matches[0] if matches else None


def _with_path(url: URL, path: str) -> URL | None:
    """`url` (path and query) at `path`, a `path_safe` spelling; None when it would not round-trip."""
    try:
        moved = URL.build(path=quote(path, safe=_PATH_SAFE), query_string=url.raw_query_string, encoded=True)
    except (TypeError, ValueError):
        return None
    return moved if moved.path_safe == path else None


__all__ = ["IisRouter", "fold_case", "iis_application", "path_under"]
