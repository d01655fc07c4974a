"""The control API's view of the Red Coopcentral: an associate's accounts with their balances and the
day's figures, and the network's debit of a CUS (JSON under /_sim/red-coopcentral/).

`GET /_sim/red-coopcentral/cuentas?tipo=CC&numero=1033370434`; `GET /_sim/red-coopcentral/debitos/{cus}`.
"""
from __future__ import annotations

from datetime import date, datetime

from aiohttp import web
from pydantic import BaseModel, Field

from domain.shared.errors import DomainError
from domain.shared.identity import DocumentType, IdentityDocument
from domain.network.account import NetworkAccount
from simulator.control.endpoint import Call, Endpoint
from simulator.coopcentral.paths import CONTROL_ACCOUNTS
from simulator.world import World

DEBITS = "/_sim/red-coopcentral/debitos/{cus}"


class AccountOut(BaseModel):
    numero: str
    entidad: str
    tipo: str
    tipo_texto: str
    activa: bool
    saldo: str = Field(description="Pesos, decimal como texto")
    disponible: str
    tope_diario: str
    max_debitos_dia: int
    debitado_dia: str
    debitos_dia: int
    dia: date | None

    @classmethod
    def of(cls, a: NetworkAccount) -> AccountOut:
        return cls(numero=a.number, entidad=a.entity_code, tipo=a.type.code, tipo_texto=a.type.label,
                   activa=a.active, saldo=str(a.balance.amount), disponible=str(a.available.amount),
                   tope_diario=str(a.daily_limit.amount), max_debitos_dia=a.max_debits_per_day,
                   debitado_dia=str(a.debited_today.amount), debitos_dia=a.debits_today, dia=a.activity_day)


class DebitOut(BaseModel):
    cus: str
    cuenta: str
    valor: str
    fecha: datetime
    transaccion: str


class AccountsQuery(BaseModel):
    tipo: str = Field("CC", max_length=5, description="Tipo de documento del asociado (CC, CE, …)")
    numero: str = Field("", max_length=30, description="Número de documento del asociado")


class CoopcentralControl:
    def __init__(self, world: World):
        self.store = world.store

    def endpoints(self) -> list[Endpoint]:
        tag = ("red coopcentral",)
        return [
            Endpoint("GET", CONTROL_ACCOUNTS,
                     "Cuentas de un asociado en la Red Coopcentral (banco 1066), con saldos, tope y frecuencia del día",
                     self.accounts, answer=list[AccountOut], query=AccountsQuery, tags=tag),
            Endpoint("GET", DEBITS, "El débito de la Red Coopcentral para un CUS", self.debit, answer=DebitOut,
                     errors=(404,), path_doc={"cus": "El CUS de la transacción PSE"}, tags=tag),
        ]

    async def accounts(self, call: Call) -> list[AccountOut]:
        try:
            document = IdentityDocument(DocumentType.from_code(call.query.tipo), call.query.numero)
        except ValueError:
            raise DomainError("El tipo de documento no es válido") from None
        with self.store.transaction():
            accounts = self.store.coopcentral.accounts_of(document)
        return [AccountOut.of(a) for a in accounts]

    async def debit(self, call: Call) -> DebitOut:
        with self.store.transaction():
            debit = self.store.coopcentral.debit_for(call.path["cus"][:30])
        if debit is None:
            raise web.HTTPNotFound(text="La Red Coopcentral no ha debitado ninguna cuenta para ese CUS")
        return DebitOut(cus=debit.cus, cuenta=debit.account_number, valor=str(debit.amount.amount), fecha=debit.at,
                        transaccion=debit.transaction_number)
