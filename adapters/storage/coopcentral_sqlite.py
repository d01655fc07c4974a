"""The Red Coopcentral's data on the SQLite file (tables of migration m0008_coopcentral).

Statements join the caller's unit of work (`SqliteStore.transaction()`, BEGIN IMMEDIATE), so a debit,
its ledger row and ACH's confirmation commit together; the ledger's primary key (the CUS) makes a
second debit of one transaction impossible even across worker processes.
"""
from __future__ import annotations


from adapters.storage.connection import Connection
from adapters.storage.coopcentral_records import (
    ACCOUNT_COLUMNS, ASSOCIATE_COLUMNS, DEBIT_COLUMNS, ENTITY_COLUMNS, MEMBERSHIP_COLUMNS, account_from_row,
    account_row, associate_from_row, associate_row, debit_from_row, debit_row, entity_from_row, entity_row,
    membership_from_row, membership_row, visit_from_json, visit_to_json,
)
from domain.shared.identity import IdentityDocument
from domain.network.account import NetworkAccount
from domain.network.member import Membership, NetworkAssociate, NetworkDebit, NetworkEntity
from domain.network.payment import NetworkVisit
from ports.coopcentral import DuplicateDebit


def _cols(columns: tuple[str, ...]) -> str:
    return ", ".join(columns)


def _marks(columns: tuple[str, ...]) -> str:
    return ", ".join("?" for _ in columns)


# A payer's visit to the Portal Transaccional is session state: its bank session lasts minutes, a visit
# idle for a day is gone (its page then says the session ended). Pruned on a visit's save, once every
# PRUNE_EVERY saves, so a long load test does not grow the file by a row per payer forever.
VISIT_RETENTION = "-1 day"  # an SQLite date modifier, on the wall clock `updated_at` is written with
PRUNE_EVERY = 256

_MEMBERSHIP_KEY = ("entity_code", "document_type", "document_number")  # network_memberships' primary key


class SqliteCoopcentral:
    def __init__(self, conn: Connection):
        self._conn = conn
        self._visit_saves = 0

    def add_entity(self, entity: NetworkEntity) -> None:
        self._conn.execute(f"INSERT OR REPLACE INTO network_entities ({_cols(ENTITY_COLUMNS)}) "
                           f"VALUES ({_marks(ENTITY_COLUMNS)})", entity_row(entity))

    def entity(self, code: str) -> NetworkEntity | None:
        row = self._conn.execute(f"SELECT {_cols(ENTITY_COLUMNS)} FROM network_entities WHERE code = ?",
                                 (code,)).fetchone()
        return entity_from_row(row) if row else None

    def entities(self) -> list[NetworkEntity]:
        rows = self._conn.execute(f"SELECT {_cols(ENTITY_COLUMNS)} FROM network_entities ORDER BY name").fetchall()
        return [entity_from_row(r) for r in rows]

    def save_associate(self, associate: NetworkAssociate) -> None:
        self._conn.execute(f"INSERT OR REPLACE INTO network_associates ({_cols(ASSOCIATE_COLUMNS)}) "
                           f"VALUES ({_marks(ASSOCIATE_COLUMNS)})", associate_row(associate))

    def associate(self, document: IdentityDocument) -> NetworkAssociate | None:
        row = self._conn.execute(
            f"SELECT {_cols(ASSOCIATE_COLUMNS)} FROM network_associates WHERE document_type = ? AND document_number = ?",
            (document.type.code, document.number)).fetchone()
        return associate_from_row(row) if row else None

    def save_membership(self, membership: Membership) -> None:
        # an upsert on the associate's own key, not INSERT OR REPLACE: a portal user another associate of the
        # entity has breaks UNIQUE (entity_code, portal_user) and is refused (IntegrityError) instead of
        # deleting that associate's membership to make room
        self._conn.execute(f"INSERT INTO network_memberships ({_cols(MEMBERSHIP_COLUMNS)}) "
                           f"VALUES ({_marks(MEMBERSHIP_COLUMNS)}) "
                           f"ON CONFLICT ({_cols(_MEMBERSHIP_KEY)}) DO UPDATE SET "
                           + ", ".join(f"{c} = excluded.{c}" for c in MEMBERSHIP_COLUMNS if c not in _MEMBERSHIP_KEY),
                           membership_row(membership))

    def membership(self, entity_code: str, document: IdentityDocument) -> Membership | None:
        row = self._conn.execute(
            f"SELECT {_cols(MEMBERSHIP_COLUMNS)} FROM network_memberships "
            "WHERE entity_code = ? AND document_type = ? AND document_number = ?",
            (entity_code, document.type.code, document.number)).fetchone()
        return membership_from_row(row) if row else None

    def memberships(self, document: IdentityDocument) -> list[Membership]:
        rows = self._conn.execute(
            f"SELECT {_cols(MEMBERSHIP_COLUMNS)} FROM network_memberships "
            "WHERE document_type = ? AND document_number = ? ORDER BY entity_code",
            (document.type.code, document.number)).fetchall()
        return [membership_from_row(r) for r in rows]

    def save_account(self, account: NetworkAccount) -> None:
        self._conn.execute(f"INSERT OR REPLACE INTO network_accounts ({_cols(ACCOUNT_COLUMNS)}) "
                           f"VALUES ({_marks(ACCOUNT_COLUMNS)})", account_row(account))

    def account(self, number: str) -> NetworkAccount | None:
        row = self._conn.execute(f"SELECT {_cols(ACCOUNT_COLUMNS)} FROM network_accounts WHERE number = ?",
                                 (number,)).fetchone()
        return account_from_row(row) if row else None

    def accounts(self, entity_code: str, document: IdentityDocument) -> list[NetworkAccount]:
        rows = self._conn.execute(
            f"SELECT {_cols(ACCOUNT_COLUMNS)} FROM network_accounts "
            "WHERE entity_code = ? AND document_type = ? AND document_number = ? ORDER BY number",
            (entity_code, document.type.code, document.number)).fetchall()
        return [account_from_row(r) for r in rows]

    def accounts_of(self, document: IdentityDocument) -> list[NetworkAccount]:
        rows = self._conn.execute(
            f"SELECT {_cols(ACCOUNT_COLUMNS)} FROM network_accounts "
            "WHERE document_type = ? AND document_number = ? ORDER BY entity_code, number",
            (document.type.code, document.number)).fetchall()
        return [account_from_row(r) for r in rows]

    def add_debit(self, debit: NetworkDebit) -> None:
        # ON CONFLICT rather than catching the error: in PostgreSQL a failed statement ends the caller's unit
        added = self._conn.execute(f"INSERT INTO network_debits ({_cols(DEBIT_COLUMNS)}) "
                                   f"VALUES ({_marks(DEBIT_COLUMNS)}) ON CONFLICT (cus) DO NOTHING RETURNING cus",
                                   debit_row(debit)).fetchone()
        if added is None:
            raise DuplicateDebit(debit.cus)

    def debit_for(self, cus: str) -> NetworkDebit | None:
        row = self._conn.execute(f"SELECT {_cols(DEBIT_COLUMNS)} FROM network_debits WHERE cus = ?",
                                 (cus,)).fetchone()
        return debit_from_row(row) if row else None

    def save_visit(self, visit: NetworkVisit) -> None:
        self._conn.execute("INSERT OR REPLACE INTO network_visits (id, cus, data, updated_at) VALUES (?, ?, ?, "
                           "strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", (visit.id, visit.cus, visit_to_json(visit)))
        self._visit_saves += 1
        if self._visit_saves % PRUNE_EVERY == 1:  # the first save of a process, then every PRUNE_EVERY
            self._conn.execute("DELETE FROM network_visits WHERE updated_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)",
                               (VISIT_RETENTION,))

    def visit(self, visit_id: str) -> NetworkVisit | None:
        row = self._conn.execute("SELECT data FROM network_visits WHERE id = ?", (visit_id,)).fetchone()
        return visit_from_json(row[0]) if row else None
