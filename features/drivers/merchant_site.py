"""A merchant's site on loopback: its return page, where "Regresar al comercio" lands (zonapagos-ws.md §9
step 4), and the page of a shop plugin that sends the payer to the gateway with a form that posts itself.

The return page records each visit's query (`id_comercio`, `id_pago`) and answers a small Spanish page, the
way a merchant's return page would before it verifies the payment.
"""
from __future__ import annotations

import asyncio
import html
import json
import threading
import urllib.request
import urllib.parse
from dataclasses import dataclass, field

from aiohttp import web

from domain.shared.identity import nit_check_digit
from simulator.process import free_port


@dataclass
class MerchantSite:
    port: int = field(default_factory=free_port)
    visits: list[dict[str, str]] = field(default_factory=list)

    @property
    def return_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/retorno"

    async def _retorno(self, request: web.Request) -> web.Response:
        query = dict(request.query)
        self.visits.append(query)
        rows = "".join(f"<li>{html.escape(k)} = <b>{html.escape(v)}</b></li>" for k, v in query.items())
        return web.Response(text=f"<!doctype html><html lang='es'><body><h1>Tienda de prueba: retorno</h1>"
                                 f"<p>Verificando su pago…</p><ul id='parametros'>{rows}</ul></body></html>",
                            content_type="text/html")

    def auto_post_url(self, payment_url: str) -> str:
        """A page that sends the browser to `payment_url` with a POST of an empty form, as a nopCommerce
        plugin does (its query string, `estado_pago` and `identificador`, is all the gateway gets)."""
        return f"http://127.0.0.1:{self.port}/enviar?" + urllib.parse.urlencode({"a": payment_url})

    async def _enviar(self, request: web.Request) -> web.Response:
        action = html.escape(request.query.get("a", ""), quote=True)
        return web.Response(text="<!doctype html><html lang='es'><body><p>Redirigiendo a la pasarela de pagos…</p>"
                                 f"<form id='zonapagos' method='post' action='{action}'></form>"
                                 "<script>document.getElementById('zonapagos').submit()</script></body></html>",
                            content_type="text/html")

    def start(self) -> MerchantSite:
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()

        async def serve() -> None:
            app = web.Application()
            app.router.add_get("/retorno", self._retorno)
            app.router.add_get("/enviar", self._enviar)
            self._runner = web.AppRunner(app, access_log=None)
            await self._runner.setup()
            await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
            ready.set()

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(serve())
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name="merchant-site", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the merchant's return page did not start")
        return self

    def stop(self) -> None:
        async def close() -> None:
            await self._runner.cleanup()
        asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)


def register_merchant(simulator_url: str, merchant_id: int, return_url: str, route: str, name: str,
                      nit_base: str = "900777123") -> dict:
    """Create (or replace) a test merchant through the control API, with `return_url` as its return page."""
    body = {
        "nombre": name, "nit": f"{nit_base}-{nit_check_digit(nit_base)}", "clave_inicio": "clave-inicio",
        "usuario_v4": "usuario-v4", "clave_v4": "clave-v4", "codigo_servicio": "2701", "t_ruta": route,
        "url_retorno": return_url, "telefono_soporte": "(604) 555 0199", "correo_soporte": "ayuda@tienda.test",
    }
    request = urllib.request.Request(f"{simulator_url}/_sim/merchants/{merchant_id}", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="PUT")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())
