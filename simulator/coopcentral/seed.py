"""The Red Coopcentral's demo data (README "Red Coopcentral (banco 1066)"), seeded once per database.

NICK RIVERA CAMINERO, the PSE payer of the demo, is an associate of Cooperativa Alianza and of
Cooperativa Financiera de Antioquia. At Alianza he has one account for each outcome of step 8 (one
that pays, one without funds, one at its daily tope, one at its daily frequency); at the Financiera,
two that pay; at Coopcentral itself only an inactive account, so Coopcentral is not listed for him.
LAURA MARCELA GÓMEZ PARRA has only an inactive account: the entity list tells her so. Every portal user
is `nrivera` / `lgomez` with the password `clave-red` (kept as a salted hash). The NITs are made up,
with their DIAN check digit, except Coopcentral's own (890.203.088-9, pse.md §7).
"""
from __future__ import annotations

from domain.shared.identity import DocumentType, IdentityDocument
from domain.shared.money import Money
from domain.network.account import AccountType, NetworkAccount
from domain.network.member import Membership, NetworkAssociate, NetworkEntity
from domain.shared.secrets import SecretHash
from ports.store import SimulatorStore

DEMO_PASSWORD = "clave-red"
NICK = IdentityDocument(DocumentType.CC, "1033370434")
LAURA = IdentityDocument(DocumentType.CC, "1020304050")

ALIANZA = NetworkEntity("alianza", "Cooperativa Alianza", "800214417-9")
FINANCIERA = NetworkEntity("cfa", "Cooperativa Financiera de Antioquia", "890985032-1")
COOPCENTRAL = NetworkEntity("coopcentral", "Banco Cooperativo Coopcentral", "890203088-9")

ASSOCIATES = (
    NetworkAssociate(NICK, "NICK RIVERA CAMINERO", "3107126048", "nick.rivera@example.com"),
    NetworkAssociate(LAURA, "LAURA MARCELA GÓMEZ PARRA", "3004567890", "laura.gomez@example.com"),
)
MEMBERSHIPS = (  # (entity, document, portal user)
    (ALIANZA, NICK, "nrivera"), (FINANCIERA, NICK, "nrivera"), (COOPCENTRAL, NICK, "nrivera"),
    (COOPCENTRAL, LAURA, "lgomez"),
)


def _account(number: str, entity: NetworkEntity, owner: IdentityDocument, kind: AccountType, balance: str,
             available: str, limit: str, per_day: int, debited: str = "0", debits: int = 0,
             active: bool = True) -> NetworkAccount:
    return NetworkAccount(number, entity.code, owner, kind, Money.of(balance), Money.of(available), Money.of(limit),
                          per_day, Money.of(debited), debits, None, active)


SAVINGS, CREDIT = AccountType.SAVINGS, AccountType.CREDIT_LINE
ACCOUNTS = (
    _account("4010015566", ALIANZA, NICK, SAVINGS, "5250000", "5000000", "10000000", 30),  # pays
    _account("4010023344", ALIANZA, NICK, SAVINGS, "80000", "50000", "5000000", 10),  # fondos insuficientes
    _account("5010047788", ALIANZA, NICK, CREDIT, "1000000", "4000000", "2000000", 10, "2000000", 2),  # en su tope
    _account("4010031122", ALIANZA, NICK, SAVINGS, "3000000", "3000000", "5000000", 3, "150000", 3),  # frecuencia
    _account("4020019901", FINANCIERA, NICK, SAVINGS, "2000000", "1800000", "3000000", 30),  # pays
    _account("5020027755", FINANCIERA, NICK, CREDIT, "400000", "600000", "1000000", 10),  # pays up to $600,000
    _account("4030010001", COOPCENTRAL, NICK, SAVINGS, "100000", "100000", "1000000", 10, active=False),
    _account("4030020002", COOPCENTRAL, LAURA, SAVINGS, "250000", "250000", "1000000", 10, active=False),
)


def seed_coopcentral(store: SimulatorStore) -> None:
    """Create the network's demo data unless the database already has it (balances then survive restarts)."""
    repo = store.coopcentral
    with store.transaction():
        if repo.entity(ALIANZA.code) is not None:
            return
        for entity in (ALIANZA, FINANCIERA, COOPCENTRAL):
            repo.add_entity(entity)
        for associate in ASSOCIATES:
            repo.save_associate(associate)
        for entity, document, user in MEMBERSHIPS:
            password = SecretHash.of(DEMO_PASSWORD, store.ids.random_digits(16))
            repo.save_membership(Membership(entity.code, document, user, password))
        for account in ACCOUNTS:
            repo.save_account(account)
