"""The control API's view of the Red Coopcentral: an associate's accounts with their balances and the
day's figures, and the network's debit of a CUS (JSON under /_sim/red-coopcentral/).

`GET /_sim/red-coopcentral/cuentas?tipo=CC&numero=1033370434`; `GET /_sim/red-coopcentral/debitos/{cus}`.
"""
from __future__ import annotations

from typing import Any

from aiohttp import web

from domain.shared.errors import DomainError
from domain.shared.identity import DocumentType, IdentityDocument
from domain.network.account import NetworkAccount
from simulator.control.problems import problem
from simulator.coopcentral.paths import CONTROL_ACCOUNTS
from simulator.world import World

DEBITS = "/_sim/red-coopcentral/debitos/{cus}"


def account_json(a: NetworkAccount) -> dict[str, Any]:
    return {
        "numero": a.number, "entidad": a.entity_code, "tipo": a.type.code, "tipo_texto": a.type.label,
        "activa": a.active, "saldo": str(a.balance.amount), "disponible": str(a.available.amount),
        "tope_diario": str(a.daily_limit.amount), "max_debitos_dia": a.max_debits_per_day,
        "debitado_dia": str(a.debited_today.amount), "debitos_dia": a.debits_today,
        "dia": a.activity_day.isoformat() if a.activity_day else None,
    }


class CoopcentralControl:
    def __init__(self, world: World):
        self.store = world.store

    def routes(self) -> list[web.RouteDef]:
        return [web.get(CONTROL_ACCOUNTS, self.accounts), web.get(DEBITS, self.debit)]

    async def accounts(self, request: web.Request) -> web.Response:
        try:
            document = IdentityDocument(DocumentType.from_code(request.query.get("tipo", "CC")[:5]),
                                        request.query.get("numero", "")[:30])
        except (ValueError, DomainError) as error:
            detail = error.message if isinstance(error, DomainError) else "El tipo de documento no es válido"
            return problem(400, "Documento inválido", detail)
        with self.store.transaction():
            accounts = self.store.coopcentral.accounts_of(document)
        return web.json_response([account_json(a) for a in accounts])

    async def debit(self, request: web.Request) -> web.Response:
        with self.store.transaction():
            debit = self.store.coopcentral.debit_for(request.match_info["cus"][:30])
        if debit is None:
            return problem(404, "Sin débito", "La Red Coopcentral no ha debitado ninguna cuenta para ese CUS")
        return web.json_response({"cus": debit.cus, "cuenta": debit.account_number, "valor": str(debit.amount.amount),
                                  "fecha": debit.at.isoformat(), "transaccion": debit.transaction_number})
