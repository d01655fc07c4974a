"""One contract per port, run against every store (memory, SQLite; later others): add a store to STORES and
every test runs on it (here: CORE_BANKINGS in tests/contract/conftest.py).

The cooperative's core banking (ports/core_banking.py CoreBanking): associates with their products, balances,
and crediting a payment to a product once.
"""
from __future__ import annotations

import pytest

from adapters.core_banking.seed import (
    DISABLED_ENTITY_ASSOCIATE, NICK, NICK_APORTES_8768, NICK_CREDIT_7626, NICK_INACTIVE, NICK_SAVINGS_6764,
    NICK_SAVINGS_7756, NO_CONTACT, NO_PRODUCTS,
)
from domain.shared.errors import DomainError
from domain.shared.identity import DocumentType, IdentityDocument
from domain.shared.money import Money
from tests.conftest import T0

STRANGER = IdentityDocument(DocumentType.CC, "99887766")


def test_an_associate_is_found_with_the_entity_contacts_and_every_product_in_order(core_banking, associates):
    nick = associates[0]
    found = core_banking.find_associate(NICK)
    assert found == nick
    assert [p.key for p in found.products] == [NICK_SAVINGS_7756, NICK_SAVINGS_6764, NICK_CREDIT_7626,
                                               NICK_APORTES_8768, NICK_INACTIVE]
    assert found.product(*NICK_CREDIT_7626).due_date == nick.product(*NICK_CREDIT_7626).due_date
    assert not found.product(*NICK_INACTIVE).active
    assert core_banking.find_associate(NO_PRODUCTS).products == ()
    assert not core_banking.find_associate(DISABLED_ENTITY_ASSOCIATE).entity.collection_enabled
    assert core_banking.find_associate(STRANGER) is None


def test_an_associate_known_only_by_full_name_keeps_the_same_contacts_and_name_split(core_banking, associates):
    # the memory core returns the associate as given (first/last names ""), SQLite the split it stored:
    # what callers read, names(), is the same
    for given in associates[1:]:
        found = core_banking.find_associate(given.document)
        assert (found.document, found.full_name, found.entity, found.mobile, found.email, found.products) == (
            given.document, given.full_name, given.entity, given.mobile, given.email, given.products)
        assert found.names() == given.names()
    assert core_banking.find_associate(NO_CONTACT).can_receive_otp is False


def test_documents_are_every_known_associates_in_a_stable_order_and_at_most_the_limit(core_banking, associates):
    every = core_banking.documents()
    assert sorted(every, key=lambda d: d.number) == sorted((a.document for a in associates), key=lambda d: d.number)
    assert core_banking.documents() == every
    assert core_banking.documents(limit=2) == every[:2]


def test_balances_start_at_the_full_due_for_credit_and_at_zero_for_savings(core_banking):
    credit = core_banking.balances(NICK, NICK_CREDIT_7626)
    assert (credit.balance, credit.minimum_due, credit.full_due) == (Money.of("1500000"), Money.of("1800"),
                                                                     Money.of("1500000"))
    savings = core_banking.balances(NICK, NICK_SAVINGS_7756)
    assert (savings.balance, savings.minimum_due, savings.full_due) == (Money.zero(), Money.zero(), Money.zero())


def test_there_are_no_balances_for_an_unknown_owner_or_product(core_banking):
    assert core_banking.balances(NICK, ("AV", "999999999")) is None
    assert core_banking.balances(STRANGER, NICK_SAVINGS_7756) is None
    assert core_banking.balances(NO_PRODUCTS, NICK_SAVINGS_7756) is None  # another associate's product


def test_a_payment_credits_a_product_once(core_banking):
    assert core_banking.credit("25", NICK, NICK_SAVINGS_7756, Money.of("50000"), T0) is True
    assert core_banking.credit("25", NICK, NICK_SAVINGS_7756, Money.of("50000"), T0) is False
    assert core_banking.balances(NICK, NICK_SAVINGS_7756).balance == Money.of("50000")


def test_another_payment_credits_the_same_product_again(core_banking):
    core_banking.credit("25", NICK, NICK_SAVINGS_7756, Money.of("50000"), T0)
    assert core_banking.credit("26", NICK, NICK_SAVINGS_7756, Money.of("1000.50"), T0) is True
    assert core_banking.balances(NICK, NICK_SAVINGS_7756).balance == Money.of("51000.50")


def test_one_payment_credits_each_of_its_products_once(core_banking):
    assert core_banking.credit("25", NICK, NICK_SAVINGS_7756, Money.of("50000"), T0) is True
    assert core_banking.credit("25", NICK, NICK_CREDIT_7626, Money.of("1800"), T0) is True
    assert core_banking.credit("25", NICK, NICK_CREDIT_7626, Money.of("1800"), T0) is False
    assert core_banking.balances(NICK, NICK_SAVINGS_7756).balance == Money.of("50000")
    assert core_banking.balances(NICK, NICK_CREDIT_7626).balance == Money.of("1498200")


def test_crediting_a_credit_line_lowers_its_dues_and_the_associate_shows_them(core_banking):
    assert core_banking.credit("25", NICK, NICK_CREDIT_7626, Money.of("1800"), T0) is True
    after = core_banking.balances(NICK, NICK_CREDIT_7626)
    assert (after.balance, after.minimum_due, after.full_due) == (Money.of("1498200"), Money.zero(),
                                                                   Money.of("1498200"))
    product = core_banking.find_associate(NICK).product(*NICK_CREDIT_7626)
    assert (product.minimum_due, product.full_due) == (Money.zero(), Money.of("1498200"))


def test_an_inactive_product_never_receives_money(core_banking):
    before = core_banking.balances(NICK, NICK_INACTIVE)
    assert core_banking.credit("25", NICK, NICK_INACTIVE, Money.of("5000"), T0) is False
    assert core_banking.credit("25", NICK, NICK_INACTIVE, Money.of("5000"), T0) is False
    assert core_banking.balances(NICK, NICK_INACTIVE) == before
    assert core_banking.find_associate(NICK).product(*NICK_INACTIVE).active is False


@pytest.mark.parametrize(("owner", "product"), [(NICK, ("AV", "999999999")), (STRANGER, NICK_SAVINGS_7756)],
                         ids=["unknown-product", "unknown-owner"])
def test_crediting_a_product_the_owner_does_not_have_is_a_domain_error(core_banking, owner, product):
    with pytest.raises(DomainError):
        core_banking.credit("25", owner, product, Money.of("1000"), T0)
    assert core_banking.balances(NICK, NICK_SAVINGS_7756).balance == Money.zero()
