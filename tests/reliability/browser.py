"""A payer's browser without JavaScript, over aiohttp, for the concurrent reliability tests: its own
cookies (the jar accepts a loopback IP's cookies), redirects reported and not followed, forms posted
with the page's CSRF token. Many of them can run at once on one event loop."""
from __future__ import annotations

import html
import json
import re
import urllib.parse
from dataclasses import dataclass, field

import aiohttp

TIMEOUT = aiohttp.ClientTimeout(total=30)
TRACEBACK_MARKS = ("Traceback", 'File "')


@dataclass
class Page:
    status: int
    url: str
    text: str
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    def csrf(self) -> str:
        found = re.search(r'name="csrf" value="([^"]+)"', self.text)
        assert found, f"no CSRF token on {self.url} ({self.status}):\n{self.text[:1500]}"
        return found.group(1)

    def hidden(self, name: str) -> str:
        found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', self.text)
        return html.unescape(found.group(1)) if found else ""

    def has_traceback(self) -> bool:
        return any(mark in self.text for mark in TRACEBACK_MARKS)


class Browser:
    """One browser: cookies kept per instance. Use `async with Browser(url) as b:`."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Browser:
        self.session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True), timeout=TIMEOUT)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.session.close()

    def cookie(self, name: str) -> str:
        for morsel in self.session.cookie_jar:
            if morsel.key == name:
                return morsel.value
        return ""

    async def request(self, method: str, path: str, data: bytes | None = None,
                      headers: dict[str, str] | None = None) -> Page:
        url = path if path.startswith("http") else self.base + path
        async with self.session.request(method, url, data=data, headers=headers, allow_redirects=False) as response:
            body = await response.read()
            return Page(response.status, url, body.decode("utf-8", "replace"), dict(response.headers))

    async def get(self, path: str) -> Page:
        return await self.request("GET", path)

    async def post(self, path: str, fields: dict[str, str] | list[tuple[str, str]], csrf: str | None = None,
                   headers: dict[str, str] | None = None) -> Page:
        items = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if csrf is not None:
            items.append(("csrf", csrf))
        return await self.request("POST", path, urllib.parse.urlencode(items).encode(),
                                  {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})})

    async def json(self, method: str, path: str, payload: dict | None = None) -> tuple[int, object]:
        data = json.dumps(payload).encode() if payload is not None else None
        async with self.session.request(method, self.base + path, data=data,
                                        headers={"Content-Type": "application/json"}) as response:
            return response.status, json.loads(await response.read())
