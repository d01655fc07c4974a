"""The cooperative data every fresh database gets: the IOTCS-09 associate, the fixed test associates, and
more associates generated with Faker `es_CO` from `--seed N` (README "Datos de la cooperativa").

Seeding runs once: an existing core is never touched, so credited balances survive restarts.
"""
from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from typing import TYPE_CHECKING, cast

from faker import Faker

from adapters.core_banking.sqlite import SqliteCoreBanking
from domain.recaudo.associate import Associate
from domain.recaudo.entity import Entity
from domain.shared.identity import DocumentType, IdentityDocument, nit_check_digit
from domain.shared.money import Money
from domain.recaudo.products import Product, product_type

if TYPE_CHECKING:
    from decimal import Decimal

COOPCENTRAL = Entity("BANCO COOPERATIVO COOPCENTRAL", "890203088-9")
DISABLED_ENTITY = Entity("COOPERATIVA DEMO SIN RECAUDO", f"900123456-{nit_check_digit('900123456')}",
                         collection_enabled=False)

NICK = IdentityDocument(DocumentType.CC, "1033370434")
NICK_MOBILE = "3107126048"
NICK_EMAIL = "nick.rivera@example.com"
NO_PRODUCTS = IdentityDocument(DocumentType.CC, "1020304050")  # an associate with no products
DISABLED_ENTITY_ASSOCIATE = IdentityDocument(DocumentType.CC, "80808080")
NO_CONTACT = IdentityDocument(DocumentType.CC, "71717171")  # no mobile and no e-mail: gets no OTP
# One associate with every product type of the instructivo's table that Nick lacks (TC and DS too, an active AC)
ANA = IdentityDocument(DocumentType.CC, "1098765432")
ANA_MOBILE = "3209876543"
ANA_EMAIL = "ana.torres@example.com"

# Nick's products (recaudo-portal.md, spec README): number → (type, minimum, full, active, balance)
NICK_SAVINGS_7756 = ("AV", "100207756")
NICK_SAVINGS_6764 = ("AV", "100206764")
NICK_CREDIT_7626 = ("CR", "300027626")
NICK_APORTES_8768 = ("PO", "400018768")
NICK_INACTIVE = ("AC", "500011234")
GENERATED_ASSOCIATES = 25


def _due_date(today: date) -> date:
    """The 15th of next month: the credit line's "Fecha límite de pago"."""
    first_next = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    return first_next.replace(day=15)


def nick(today: date) -> tuple[Associate, dict[tuple[str, str], Money]]:
    products = (
        Product(NICK, product_type("AV"), NICK_SAVINGS_7756[1]),
        Product(NICK, product_type("AV"), NICK_SAVINGS_6764[1]),
        Product(NICK, product_type("CR"), NICK_CREDIT_7626[1], minimum_due=Money.of("1800"),
                full_due=Money.of("1500000"), due_date=_due_date(today)),
        Product(NICK, product_type("PO"), NICK_APORTES_8768[1], minimum_due=Money.of("1500")),
        Product(NICK, product_type("AC"), NICK_INACTIVE[1], active=False, minimum_due=Money.of("50000")),
    )
    balances = {NICK_SAVINGS_7756: Money.of("350000"), NICK_SAVINGS_6764: Money.of("1200000"),
                NICK_APORTES_8768: Money.of("2500000"), NICK_INACTIVE: Money.of("600000")}
    associate = Associate(NICK, "NICK RIVERA CAMINERO", COOPCENTRAL, NICK_MOBILE, NICK_EMAIL, products,
                          "NICK", "RIVERA CAMINERO")
    return associate, balances


def every_product_type(today: date) -> tuple[Associate, dict[tuple[str, str], Money]]:
    """ANA MARÍA TORRES VÉLEZ: OB, TC, AC (active), AP, CC, DE and DS (recaudo-portal.md's product table)."""
    due = _due_date(today)
    products = (
        Product(ANA, product_type("OB"), "610004321", minimum_due=Money.of("250000"), full_due=Money.of("4800000"),
                due_date=due),
        Product(ANA, product_type("TC"), "450012345", minimum_due=Money.of("120000"), full_due=Money.of("950000"),
                due_date=due),
        Product(ANA, product_type("AC"), "510004567", minimum_due=Money.of("50000")),
        Product(ANA, product_type("AP"), "520007890", minimum_due=Money.of("20000")),
        Product(ANA, product_type("CC"), "800011223"),
        Product(ANA, product_type("DE"), "910005566"),
        Product(ANA, product_type("DS"), "920007788"),
    )
    balances = {("AC", "510004567"): Money.of("900000"), ("AP", "520007890"): Money.of("300000"),
                ("CC", "800011223"): Money.of("1500000"), ("DE", "910005566"): Money.of("80000"),
                ("DS", "920007788"): Money.of("45000")}
    return Associate(ANA, "ANA MARÍA TORRES VÉLEZ", COOPCENTRAL, ANA_MOBILE, ANA_EMAIL, products, "ANA MARÍA",
                     "TORRES VÉLEZ"), balances


def fixed_associates(today: date) -> list[tuple[Associate, dict[tuple[str, str], Money]]]:
    disabled = Associate(DISABLED_ENTITY_ASSOCIATE, "CARLOS ANDRÉS PÉREZ LÓPEZ", DISABLED_ENTITY, "3154445566",
                         "carlos.perez@example.com",
                         (Product(DISABLED_ENTITY_ASSOCIATE, product_type("AV"), "700001111"),))
    return [
        nick(today),
        (Associate(NO_PRODUCTS, "LAURA MARCELA GÓMEZ PARRA", COOPCENTRAL, "3001112233", "laura.gomez@example.com"),
         {}),
        (disabled, {}),
        (Associate(NO_CONTACT, "JORGE ELIÉCER MORA DÍAZ", COOPCENTRAL, None, None,
                   (Product(NO_CONTACT, product_type("AV"), "100300001"),)), {}),
        every_product_type(today),
    ]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "")


def _generated(fake: Faker, today: date, index: int) -> tuple[Associate, dict[tuple[str, str], Money]]:
    first = fake.first_name()
    last = f"{fake.last_name()} {fake.last_name()}"
    document = IdentityDocument(DocumentType.CC, str(fake.random_int(10_000_000, 1_099_999_999)))
    mobile = "3" + str(fake.random_int(0, 999_999_999)).zfill(9)
    email = f"{_ascii(first)}.{_ascii(last.split()[0])}{index}@{fake.free_email_domain()}"
    products: list[Product] = []
    balances: dict[tuple[str, str], Money] = {}
    for n, code in enumerate(fake.random_elements(("AV", "AV", "PO", "CR", "OB", "AP", "CC", "DE"),
                                                  length=fake.random_int(1, 4), unique=True)):
        number = f"{n + 1}{fake.random_int(0, 99_999_999):08d}"
        kind = product_type(code)
        if kind.nature.value == "credit":
            full = Money.of(fake.random_int(200, 20_000) * 1000)
            minimum = Money.of(cast("int | Decimal", max(1, full.amount // 20 // 100)) * 100)
            products.append(Product(document, kind, number, minimum_due=minimum, full_due=full,
                                    due_date=_due_date(today) + timedelta(days=fake.random_int(-20, 20))))
        else:
            minimum = Money.of(fake.random_int(10, 100) * 1000) if code in ("PO", "AP") else Money.zero()
            products.append(Product(document, kind, number, minimum_due=minimum))
            balances[(code, number)] = Money.of(fake.random_int(0, 5_000) * 1000)
    full_name = f"{first} {last}".upper()
    return Associate(document, full_name, COOPCENTRAL, mobile, email, tuple(products), first.upper(),
                     last.upper()), balances


def seed_cooperative(core: SqliteCoreBanking, seed: int, today: date, generated: int = GENERATED_ASSOCIATES) -> None:
    """Load the demo cooperative into an empty core; a core with data is left as it is."""
    with core.transaction():
        if not core.is_empty():
            return
        for associate, balances in fixed_associates(today):
            core.add_associate(associate, balances)
        fake = Faker("es_CO")
        fake.seed_instance(seed)
        for index in range(generated):
            associate, balances = _generated(fake, today, index + 1)
            core.add_associate(associate, balances)  # a repeated document is skipped
