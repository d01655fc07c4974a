"""The CoreBanking port on SQLite: entities, associates, products and the credit ledger (m0005_cooperative).

Crediting inserts the ledger row first; the UNIQUE (reference, entity, product) key makes a repeated or
concurrent credit of the same payment to the same product a no-op, inside one `BEGIN IMMEDIATE`.
An inactive product never receives money: its credit is kept in the ledger as not applied (suspense).
"""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from adapters.storage.connection import Connection
from adapters.storage.unit import unit_of_work
from domain.recaudo.associate import Associate
from domain.recaudo.crediting import ProductBalances, after_credit
from domain.recaudo.entity import Entity
from domain.shared.errors import DomainError
from domain.shared.identity import DocumentType, IdentityDocument
from domain.shared.money import Money
from domain.recaudo.products import Product, product_type

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

_PRODUCT_COLUMNS = ("entity_nit, type_code, number, active, balance, minimum_due, full_due, due_date, max_deposit")


def _product(owner: IdentityDocument, row: tuple[Any, ...]) -> Product:
    _, code, number, active, _, minimum_due, full_due, due_date, max_deposit = row
    return Product(owner, product_type(code), number, bool(active), Money.of(minimum_due), Money.of(full_due),
                   date.fromisoformat(due_date) if due_date else None,
                   Money.of(max_deposit) if max_deposit else None)


class SqliteCoreBanking:
    def __init__(self, conn: Connection):
        self._conn = conn

    # -- reading -----------------------------------------------------------------------------------
    def find_associate(self, document: IdentityDocument) -> Associate | None:
        row = self._conn.execute(
            "SELECT a.full_name, a.first_names, a.last_names, a.mobile, a.email, e.name, e.nit, e.collection_enabled "
            "FROM coop_associates a JOIN coop_entities e ON e.nit = a.entity_nit "
            "WHERE a.document_type = ? AND a.document_number = ?", (document.type.code, document.number)).fetchone()
        if row is None:
            return None
        full_name, first, last, mobile, email, entity_name, nit, enabled = row
        products = self._conn.execute(
            f"SELECT {_PRODUCT_COLUMNS} FROM coop_products WHERE owner_type = ? AND owner_number = ? "
            "ORDER BY position, type_code, number", (document.type.code, document.number)).fetchall()
        return Associate(document, full_name, Entity(entity_name, nit, bool(enabled)), mobile, email,
                         tuple(_product(document, r) for r in products), first, last)

    def documents(self, limit: int = 100, offset: int = 0) -> list[IdentityDocument]:
        rows = self._conn.execute("SELECT document_type, document_number FROM coop_associates ORDER BY rowid "
                                  "LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        return [IdentityDocument(DocumentType.from_code(kind), number) for kind, number in rows]

    def _product_row(self, owner: IdentityDocument, key: tuple[str, str]) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._conn.execute(
            f"SELECT {_PRODUCT_COLUMNS} FROM coop_products WHERE owner_type = ? AND owner_number = ? "
            "AND type_code = ? AND number = ?", (owner.type.code, owner.number, key[0], key[1])).fetchone()
        return row

    def balances(self, owner: IdentityDocument, product_key: tuple[str, str]) -> ProductBalances | None:
        row = self._product_row(owner, product_key)
        if row is None:
            return None
        return ProductBalances(Money.of(row[4]), Money.of(row[5]), Money.of(row[6]))

    def credits(self, reference: str) -> list[tuple[str, str, Money, bool]]:
        """The ledger rows of one payment: (type, number, amount, applied). For tests and support."""
        rows = self._conn.execute("SELECT type_code, number, amount, applied FROM coop_credits WHERE reference = ? "
                                  "ORDER BY id", (reference,)).fetchall()
        return [(t, n, Money.of(a), bool(applied)) for t, n, a, applied in rows]

    # -- crediting ---------------------------------------------------------------------------------
    def credit(self, reference: str, owner: IdentityDocument, product_key: tuple[str, str], amount: Money,
               at: datetime) -> bool:
        with unit_of_work(self._conn) as conn:
            row = self._product_row(owner, product_key)
            if row is None:
                raise DomainError("El producto no existe o no pertenece al asociado", "product")
            product = _product(owner, row)
            inserted = conn.execute(
                "INSERT INTO coop_credits (reference, entity_nit, type_code, number, amount, applied, credited_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
                (reference, row[0], product_key[0], product_key[1], str(amount.amount), int(product.active),
                 at.isoformat())).fetchone()
            if inserted is None or not product.active:
                return False
            before = ProductBalances(Money.of(row[4]), Money.of(row[5]), Money.of(row[6]))
            after = after_credit(product, before, amount)
            conn.execute("UPDATE coop_products SET balance = ?, minimum_due = ?, full_due = ? "
                         "WHERE entity_nit = ? AND type_code = ? AND number = ?",
                         (str(after.balance.amount), str(after.minimum_due.amount), str(after.full_due.amount),
                          row[0], product_key[0], product_key[1]))
            return True

    # -- loading (the seed) ------------------------------------------------------------------------
    def transaction(self) -> AbstractContextManager[Connection]:
        """One unit of work around several loads (the seed)."""
        return unit_of_work(self._conn)

    def is_empty(self) -> bool:
        count: int = self._conn.execute("SELECT COUNT(*) FROM coop_entities").fetchone()[0]
        return count == 0

    def add_entity(self, entity: Entity) -> None:
        with unit_of_work(self._conn) as conn:
            conn.execute("INSERT OR IGNORE INTO coop_entities (nit, name, collection_enabled) VALUES (?, ?, ?)",
                         (entity.nit, entity.name, int(entity.collection_enabled)))

    def set_collection_enabled(self, nit: str, enabled: bool) -> None:
        with unit_of_work(self._conn) as conn:
            conn.execute("UPDATE coop_entities SET collection_enabled = ? WHERE nit = ?", (int(enabled), nit))

    def add_associate(self, associate: Associate, balances: dict[tuple[str, str], Money] | None = None) -> bool:
        """Store an associate with their products unless the document exists; False then."""
        balances = balances or {}
        document = associate.document
        with unit_of_work(self._conn) as conn:
            self.add_entity(associate.entity)
            first, last = associate.names()
            added = conn.execute(
                "INSERT INTO coop_associates (document_type, document_number, entity_nit, full_name, first_names, "
                "last_names, mobile, email) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1",
                (document.type.code, document.number, associate.entity.nit, associate.full_name, first, last,
                 associate.mobile, associate.email)).fetchone()
            if added is None:
                return False
            for position, p in enumerate(associate.products):
                balance = balances.get(p.key, p.full_due if p.product_type.nature.value == "credit" else Money.zero())
                conn.execute(
                    "INSERT INTO coop_products (entity_nit, type_code, number, owner_type, owner_number, position, "
                    "active, balance, minimum_due, full_due, due_date, max_deposit) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (associate.entity.nit, p.product_type.code, p.number, document.type.code, document.number,
                     position, int(p.active), str(balance.amount), str(p.minimum_due.amount),
                     str(p.full_due.amount), p.due_date.isoformat() if p.due_date else None,
                     str(p.max_deposit.amount) if p.max_deposit else None))
            return True


def document(type_code: str, number: str) -> IdentityDocument:
    return IdentityDocument(DocumentType.from_code(type_code), number)
