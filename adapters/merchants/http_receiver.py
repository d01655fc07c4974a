"""MerchantReceiver over aiohttp: one JSON POST to a merchant's server, every failure turned into an answer.

One client session per process, opened on first use inside the running loop and closed by the application's
cleanup. No redirects are followed (a notification goes where the merchant configured it) and only the first
bytes of an answer are read.
"""
from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import aiohttp

from adapters.storage.deliveries_codec import payload_json
from domain.gateway.delivery import ReceiverAnswer

MAX_ANSWER_BYTES = 64 * 1024
USER_AGENT = "pasarela-sim NotificarPagos"


class HttpMerchantReceiver:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(headers={"User-Agent": USER_AGENT})
        return self._session

    async def post_json(self, merchant_id: int, url: str, payload: Mapping[str, Any],
                        timeout: timedelta) -> ReceiverAnswer:
        body = payload_json(dict(payload)).encode("utf-8")
        try:
            async with self._client().post(
                    url, data=body, headers={"Content-Type": "application/json; charset=utf-8"},
                    timeout=aiohttp.ClientTimeout(total=timeout.total_seconds()), allow_redirects=False) as response:
                raw = bytearray()
                while len(raw) < MAX_ANSWER_BYTES:  # read() returns what has arrived: loop to the limit or the end
                    chunk = await response.content.read(MAX_ANSWER_BYTES - len(raw))
                    if not chunk:
                        break
                    raw += chunk
                try:
                    text = bytes(raw).decode(response.charset or "utf-8", errors="replace")
                except LookupError:  # an unknown charset: read it as UTF-8
                    text = bytes(raw).decode("utf-8", errors="replace")
                return ReceiverAnswer(response.status, text)
        except asyncio.TimeoutError:
            return ReceiverAnswer(None, error=f"tiempo de espera agotado ({timeout.total_seconds():g} s)")
        except aiohttp.ClientConnectorError as error:
            return ReceiverAnswer(None, error=f"no fue posible conectar con el comercio: {error.strerror or error}")
        except (aiohttp.ClientError, ValueError) as error:
            return ReceiverAnswer(None, error=f"falla de la conexión con el comercio: {type(error).__name__}")

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
