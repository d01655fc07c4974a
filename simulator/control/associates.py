"""Control API: the cooperative's associates and their products, with balances, as the core banking has them."""
from __future__ import annotations

from datetime import date

from aiohttp import web
from pydantic import BaseModel, Field

from domain.recaudo.associate import Associate
from domain.shared.errors import DomainError
from domain.shared.identity import DocumentType, IdentityDocument
from ports.core_banking import CoreBanking
from simulator.control.endpoint import Call, Endpoint, Page, PageQuery


class ProductOut(BaseModel):
    tipo: str
    nombre: str = Field(description="Nombre enmascarado, como lo ve el asociado")
    numero: str
    activo: bool
    saldo: str | None = Field(description="Saldo en pesos (decimal como texto); null si el core no lo tiene")
    pago_minimo: str
    pago_total: str
    fecha_limite: date | None


class AssociateOut(BaseModel):
    tipo_documento: str
    documento: str
    nombre: str
    celular: str | None
    correo: str | None
    entidad: str
    productos: list[ProductOut]


def associate_out(associate: Associate, core: CoreBanking) -> AssociateOut:
    products = []
    for product in associate.products:
        balances = core.balances(associate.document, product.key)
        products.append(ProductOut(
            tipo=product.product_type.code, nombre=product.masked_name, numero=product.number,
            activo=product.active, saldo=str(balances.balance.amount) if balances else None,
            pago_minimo=str(product.minimum_due.amount), pago_total=str(product.full_due.amount),
            fecha_limite=product.due_date))
    return AssociateOut(tipo_documento=associate.document.type.code, documento=associate.document.number,
                        nombre=associate.full_name, celular=associate.mobile, correo=associate.email,
                        entidad=associate.entity.name, productos=products)


class AssociatesQuery(PageQuery):
    limite: int = Field(50, ge=1, le=1000, description="Elementos por página (1 a 1000)")
    desde: int | None = Field(None, ge=0, le=10**9, description="Cursor: posición del primer asociado de la página")


class AssociatesApi:
    def __init__(self, core: CoreBanking):
        self.core = core

    def endpoints(self) -> list[Endpoint]:
        return [
            Endpoint("GET", "/_sim/associates", "Asociados de la cooperativa con sus productos y saldos", self.list,
                     answer=AssociateOut, query=AssociatesQuery, paged=True, tags=("asociados",)),
            Endpoint("GET", "/_sim/associates/{document_type}/{document}", "Un asociado por documento (CC, CE, …)",
                     self.get, answer=AssociateOut, errors=(404,), tags=("asociados",),
                     path_doc={"document_type": "CC, CE, TI, PP, NIT…", "document": "Número de documento"}),
        ]

    async def list(self, call: Call) -> Page[AssociateOut]:
        start, limit = call.query.desde or 0, call.query.limite
        documents = self.core.documents(limit + 1, start)
        found = [a for a in (self.core.find_associate(d) for d in documents[:limit]) if a is not None]
        more = len(documents) > limit
        return Page([associate_out(a, self.core) for a in found], str(start + limit) if more else None)

    async def get(self, call: Call) -> AssociateOut:
        try:
            document = IdentityDocument(DocumentType.from_code(call.path["document_type"]), call.path["document"])
        except ValueError:
            raise DomainError("Tipo de documento desconocido (CC, CE, TI, PP, NIT, …)") from None
        associate = self.core.find_associate(document)
        if associate is None:
            raise web.HTTPNotFound(text="Asociado no encontrado")
        return associate_out(associate, self.core)
