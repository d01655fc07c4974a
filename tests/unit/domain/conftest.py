"""Shared fakes and demo data for the domain unit tests."""
from __future__ import annotations

from datetime import date

import pytest

from domain.recaudo.associate import Associate
from domain.recaudo.entity import Entity
from domain.shared.identity import DocumentType, IdentityDocument
from domain.shared.money import Money
from domain.recaudo.products import Product, product_type

class FakeIds:
    """IdGenerator fake: scripted codes first, then a counter, so every value is predictable."""

    def __init__(self, codes: list[str] | None = None):
        self.codes = list(codes or [])
        self.counter = 0
        self.numbers: dict[str, int] = {}

    def next_number(self, sequence: str) -> int:
        self.numbers[sequence] = self.numbers.get(sequence, 0) + 1
        return self.numbers[sequence]

    def random_digits(self, length: int) -> str:
        if self.codes and len(self.codes[0]) == length:
            return self.codes.pop(0)
        self.counter += 1
        return str(self.counter).zfill(length)[-length:]


NICK_DOCUMENT = IdentityDocument(DocumentType.CC, "1033370434")
COOPCENTRAL = Entity("BANCO COOPERATIVO COOPCENTRAL", "890203088-9")


def nick_products(owner: IdentityDocument = NICK_DOCUMENT) -> tuple[Product, ...]:
    """The products of the IOTCS-09 screens, plus one inactive product."""
    return (
        Product(owner, product_type("AV"), "100207756"),
        Product(owner, product_type("AV"), "100206764"),
        Product(
            owner, product_type("CR"), "300027626",
            minimum_due=Money.of("1800"), full_due=Money.of("1500000"), due_date=date(2026, 3, 15),
        ),
        Product(owner, product_type("PO"), "400018768", minimum_due=Money.of("1500")),
        Product(owner, product_type("AV"), "100209999", active=False),
    )


def nick(entity: Entity = COOPCENTRAL) -> Associate:
    return Associate(
        NICK_DOCUMENT, "NICK RIVERA CAMINERO", entity,
        mobile="3107126048", email="nick.rivera@example.com", products=nick_products(),
    )


# Session-scoped factories are safe to use from hypothesis tests; the plain fixtures are fresh per test.
@pytest.fixture(scope="session")
def make_ids():
    return FakeIds


@pytest.fixture(scope="session")
def make_associate():
    return nick


@pytest.fixture(scope="session")
def make_products():
    return nick_products


@pytest.fixture
def ids() -> FakeIds:
    return FakeIds()


@pytest.fixture
def associate() -> Associate:
    return nick()
