"""One contract per port, run against every store (memory, SQLite; later others): add a store to STORES and
every test runs on it.

The Red Coopcentral's repository (ports/coopcentral.py CoopcentralRepository): entities, associates, portal
memberships, accounts, the debits made for PSE and the visits to its pages.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from domain.network.account import AccountType, DeclineReason, NetworkAccount
from domain.network.member import Membership, NetworkAssociate, NetworkDebit, NetworkEntity
from domain.network.payment import CancelCause, NetworkVisit, VisitStep
from domain.shared.identity import DocumentType, IdentityDocument, nit_check_digit
from domain.shared.money import Money
from domain.shared.otp import OtpChallenge
from domain.shared.secrets import SecretHash
from ports.coopcentral import DuplicateDebit
from tests.conftest import T0
from tests.unit.domain.conftest import NICK_DOCUMENT, FakeIds

LAURA = IdentityDocument(DocumentType.CC, "52111222")
COOPCENTRAL = NetworkEntity("coopcentral", "Banco Cooperativo Coopcentral", "890203088-9")
ALIANZA = NetworkEntity("alianza", "Cooperativa Alianza", f"800214417-{nit_check_digit('800214417')}")
CFA = NetworkEntity("cfa", "CFA Cooperativa Financiera", f"890901176-{nit_check_digit('890901176')}", active=False)


def membership(entity: NetworkEntity = ALIANZA, document: IdentityDocument = NICK_DOCUMENT, user: str = "nrivera",
               password: str = "clave-red") -> Membership:
    return Membership(entity.code, document, user, SecretHash.of(password, "0123456789abcdef"),
                      T0 - timedelta(days=3), "10.0.0.7")


def account(number: str = "5010047788", entity: NetworkEntity = ALIANZA, owner: IdentityDocument = NICK_DOCUMENT,
            **changes) -> NetworkAccount:
    base = NetworkAccount(number, entity.code, owner, AccountType.SAVINGS, Money.of("3500000.50"),
                          Money.of("3400000"), Money.of("5000000"), 5, Money.of("2000000"), 2, date(2026, 11, 22))
    return replace(base, **changes)


def with_entities(store) -> None:
    """Accounts and memberships belong to an entity the store knows (SQLite enforces it with a foreign key)."""
    for entity in (COOPCENTRAL, ALIANZA, CFA):
        store.coopcentral.add_entity(entity)


def visit(visit_id: str = "v1", cus: str = "1468001") -> NetworkVisit:
    """A visit at the security code: one account declined, the code sent for another (only its hash kept)."""
    challenge, _code = OtpChallenge.issue(visit_id, NICK_DOCUMENT, FakeIds(["482913"]), T0 + timedelta(minutes=2))
    return NetworkVisit(
        id=visit_id, cus=cus, document=NICK_DOCUMENT, ip="10.0.0.9", started_at=T0, step=VisitStep.CODE_SENT,
        entity_code="alianza", portal_user="nrivera", login_failures=1, previous_access_at=T0 - timedelta(days=3),
        previous_access_ip="10.0.0.7", declined={"4010023344": DeclineReason.INSUFFICIENT_FUNDS},
        account_number="5010047788", otp=challenge,
    )


# -- entities and associates -----------------------------------------------------------------------------

def test_entities_are_read_back_by_code_and_listed_by_name(store):
    with_entities(store)
    assert store.coopcentral.entity("cfa") == CFA
    assert store.coopcentral.entity("nadie") is None
    assert store.coopcentral.entities() == [COOPCENTRAL, CFA, ALIANZA]  # "Banco…", "CFA…", "Cooperativa…"


def test_adding_an_entity_again_replaces_it(store):
    with_entities(store)
    store.coopcentral.save_account(account())  # an entity with accounts may still change
    store.coopcentral.add_entity(replace(ALIANZA, name="Alianza Cooperativa", active=False))
    assert store.coopcentral.entity("alianza") == replace(ALIANZA, name="Alianza Cooperativa", active=False)
    assert len(store.coopcentral.entities()) == 3
    assert store.coopcentral.account("5010047788") == account()


def test_an_associate_is_read_back_by_document_and_saving_again_replaces_it(store):
    nick = NetworkAssociate(NICK_DOCUMENT, "NICK RIVERA CAMINERO", "3107126048", "nick.rivera@example.com")
    store.coopcentral.save_associate(nick)
    store.coopcentral.save_associate(NetworkAssociate(LAURA, "LAURA GÓMEZ", "", ""))
    assert store.coopcentral.associate(NICK_DOCUMENT) == nick
    assert store.coopcentral.associate(IdentityDocument(DocumentType.CE, NICK_DOCUMENT.number)) is None
    store.coopcentral.save_associate(replace(nick, mobile="3000000000"))
    assert store.coopcentral.associate(NICK_DOCUMENT).mobile == "3000000000"
    assert store.coopcentral.associate(LAURA).full_name == "LAURA GÓMEZ"


# -- memberships --------------------------------------------------------------------------------------------

def test_a_membership_is_read_back_and_accepts_only_its_user_and_password(store):
    with_entities(store)
    store.coopcentral.save_membership(membership())
    loaded = store.coopcentral.membership("alianza", NICK_DOCUMENT)
    assert loaded == membership()
    assert loaded.accepts(" NRivera ", "clave-red") and not loaded.accepts("nrivera", "otra")
    assert store.coopcentral.membership("cfa", NICK_DOCUMENT) is None
    assert store.coopcentral.membership("alianza", LAURA) is None


def test_saving_a_membership_again_replaces_the_associates_membership_of_that_entity(store):
    with_entities(store)
    store.coopcentral.save_membership(membership())
    later = replace(membership(), last_access_at=T0, last_access_ip="10.0.0.9")
    store.coopcentral.save_membership(later)
    assert store.coopcentral.membership("alianza", NICK_DOCUMENT) == later
    assert store.coopcentral.memberships(NICK_DOCUMENT) == [later]


def test_an_associates_memberships_are_listed_by_entity_code(store):
    with_entities(store)
    for entity in (COOPCENTRAL, CFA, ALIANZA):
        store.coopcentral.save_membership(membership(entity))
    store.coopcentral.save_membership(membership(ALIANZA, LAURA, "lgomez"))
    assert [m.entity_code for m in store.coopcentral.memberships(NICK_DOCUMENT)] == ["alianza", "cfa", "coopcentral"]
    assert store.coopcentral.memberships(IdentityDocument(DocumentType.CC, "1000")) == []


def test_a_portal_user_another_associate_of_the_entity_has_is_refused_and_theirs_is_kept(store):
    with_entities(store)
    store.coopcentral.save_membership(membership())
    try:
        store.coopcentral.save_membership(membership(ALIANZA, LAURA, "NRivera"))
    except Exception:  # refusing is what keeps the first associate's login
        pass
    assert store.coopcentral.membership("alianza", NICK_DOCUMENT) == membership()
    assert store.coopcentral.membership("alianza", LAURA) is None


# -- accounts -----------------------------------------------------------------------------------------------

def test_an_account_is_read_back_by_number_with_its_limits_and_day(store):
    with_entities(store)
    line = account("5020012233", type=AccountType.CREDIT_LINE, activity_day=None, active=False)
    store.coopcentral.save_account(line)
    assert store.coopcentral.account("5020012233") == line
    assert store.coopcentral.account("9999") is None


def test_saving_an_account_again_replaces_it(store):
    with_entities(store)
    store.coopcentral.save_account(account())
    debited = account().debit(Money.of("150000"), date(2026, 11, 23))
    store.coopcentral.save_account(debited)
    loaded = store.coopcentral.account("5010047788")
    assert loaded == debited and loaded.debits_today == 1 and loaded.available == Money.of("3250000")


def test_an_associates_accounts_at_an_entity_are_listed_by_number_active_or_not(store):
    with_entities(store)
    for number, entity, owner, active in [("5010047799", ALIANZA, NICK_DOCUMENT, False),
                                          ("5010047788", ALIANZA, NICK_DOCUMENT, True),
                                          ("4020019901", CFA, NICK_DOCUMENT, True),
                                          ("5010040000", ALIANZA, LAURA, True)]:
        store.coopcentral.save_account(account(number, entity, owner, active=active))
    assert [a.number for a in store.coopcentral.accounts("alianza", NICK_DOCUMENT)] == ["5010047788", "5010047799"]
    assert [(a.entity_code, a.number) for a in store.coopcentral.accounts_of(NICK_DOCUMENT)] == [
        ("alianza", "5010047788"), ("alianza", "5010047799"), ("cfa", "4020019901")]
    assert store.coopcentral.accounts("coopcentral", NICK_DOCUMENT) == []
    assert store.coopcentral.accounts_of(IdentityDocument(DocumentType.CC, "1000")) == []


# -- debits ---------------------------------------------------------------------------------------------------

def test_a_debit_is_read_back_by_its_cus(store):
    with_entities(store)
    store.coopcentral.save_account(account())
    debit = NetworkDebit("1468001", "5010047788", Money.of("150000.50"), T0, "52031001")
    store.coopcentral.add_debit(debit)
    assert store.coopcentral.debit_for("1468001") == debit
    assert store.coopcentral.debit_for("1468002") is None


def test_a_second_debit_of_one_cus_raises_duplicate_debit_and_the_first_is_kept(store):
    with_entities(store)
    store.coopcentral.save_account(account())
    store.coopcentral.save_account(account("4020019901", CFA))
    first = NetworkDebit("1468001", "5010047788", Money.of("150000"), T0, "52031001")
    store.coopcentral.add_debit(first)
    with pytest.raises(DuplicateDebit):
        store.coopcentral.add_debit(NetworkDebit("1468001", "4020019901", Money.of("1"), T0, "52031002"))
    assert store.coopcentral.debit_for("1468001") == first


# -- visits ---------------------------------------------------------------------------------------------------

def test_a_visit_is_read_back_with_its_declines_and_only_the_hash_of_its_code(store):
    kept = visit()
    store.coopcentral.save_visit(kept)
    loaded = store.coopcentral.visit("v1")
    assert loaded == kept
    assert loaded.declined == {"4010023344": DeclineReason.INSUFFICIENT_FUNDS}
    assert loaded.otp.code_hash.matches("482913") and loaded.otp.document == NICK_DOCUMENT
    assert store.coopcentral.visit("v2") is None


def test_saving_a_visit_again_keeps_its_new_step_and_a_read_back_visit_is_a_copy(store):
    store.coopcentral.save_visit(visit())
    loaded = store.coopcentral.visit("v1")
    loaded.cancel(CancelCause.PAYER_CANCELLED)
    assert store.coopcentral.visit("v1") == visit()  # not saved yet
    store.coopcentral.save_visit(loaded)
    again = store.coopcentral.visit("v1")
    assert again.step is VisitStep.CANCELLED and again.cancel_cause is CancelCause.PAYER_CANCELLED
    assert again == loaded
