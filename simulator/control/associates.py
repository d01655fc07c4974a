"""Control API: the cooperative's associates and their products, with balances, as the core banking has them."""
from __future__ import annotations

from typing import Any

from aiohttp import web

from domain.shared.digits import ascii_int
from domain.recaudo.associate import Associate
from domain.shared.errors import DomainError
from domain.shared.identity import DocumentType, IdentityDocument
from ports.core_banking import CoreBanking


def associate_json(associate: Associate, core: CoreBanking) -> dict[str, Any]:
    products = []
    for product in associate.products:
        balances = core.balances(associate.document, product.key)
        products.append({
            "tipo": product.product_type.code, "nombre": product.masked_name, "numero": product.number,
            "activo": product.active, "saldo": str(balances.balance.amount) if balances else None,
            "pago_minimo": str(product.minimum_due.amount), "pago_total": str(product.full_due.amount),
            "fecha_limite": product.due_date.isoformat() if product.due_date else None,
        })
    return {"tipo_documento": associate.document.type.code, "documento": associate.document.number,
            "nombre": associate.full_name, "celular": associate.mobile, "correo": associate.email,
            "entidad": associate.entity.name, "productos": products}


class AssociatesApi:
    def __init__(self, core: CoreBanking):
        self.core = core

    def routes(self) -> list[web.RouteDef]:
        return [web.get("/_sim/associates", self.list),
                web.get("/_sim/associates/{document_type}/{document}", self.get)]

    async def list(self, request: web.Request) -> web.Response:
        text = request.query.get("limite", "50")
        limit = ascii_int(text, 4)
        if limit is None or not 1 <= limit <= 1000:
            raise DomainError("'limite' debe ser un entero entre 1 y 1000")
        found = (self.core.find_associate(d) for d in self.core.documents(limit))
        return web.json_response([associate_json(a, self.core) for a in found if a is not None])

    async def get(self, request: web.Request) -> web.Response:
        try:
            document = IdentityDocument(DocumentType.from_code(request.match_info["document_type"]),
                                        request.match_info["document"])
        except ValueError:
            raise DomainError("Tipo de documento desconocido (CC, CE, TI, PP, NIT, …)") from None
        associate = self.core.find_associate(document)
        if associate is None:
            raise web.HTTPNotFound(text="Asociado no encontrado")
        return web.json_response(associate_json(associate, self.core))
