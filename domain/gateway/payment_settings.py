"""What a REST start (`AdicionalesConfiguracion`, zonapagos-ws.md §8a) asks of its payment page.

The REST generation configures the page per payment with numbered codes. The codes that change what the
page does are read into `PaymentSettings`; every code and every `AdicionalesPago` item is kept as sent.
Applied: 50 (PSE service code), 100–102 (split payments across methods), 103 (no PSE), 104 (return URL), 107 (no
card), 108 (terms pre-checked), 200 (tokenization), 500/501 with 50001–50008 / 50101–50108 (per-transaction fee).
Kept, not applied: the rest (docs/decisions.md).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_UP, Decimal

from domain.gateway.return_url import normalised_return_url
from domain.shared.errors import DomainError
from domain.shared.money import Money

SERVICE_CODE = 50
SPLIT = 100
SPLIT_CARDS = 101
SPLIT_PSE = 102
NO_PSE = 103
RETURN_URL = 104
NO_CARD = 107
TERMS_PRECHECKED = 108
TOKENIZATION = 200
PSE_FEE = 500
CARD_FEE = 501

Item = tuple[int, str]  # {"int_codigo": …, "str_valor": …}


@dataclass(frozen=True)
class Fee:
    """A per-transaction fee the payer pays on top of the total for one method (codes 500/501 and their
    eight sub-codes: type, percentage, min, max, fixed value, max fixed, IVA %, rounding)."""

    percent: bool
    rate: Decimal  # percent points: 1.95 for "0195", 2 for "02"
    minimum: Decimal
    maximum: Decimal
    fixed: Decimal
    maximum_fixed: Decimal
    vat_rate: Decimal  # percent points of IVA on the fee
    round_up: bool

    def amount_for(self, total: Money) -> Money:
        """The fee on `total`: a percentage bounded by min/max (0 = no bound) or a fixed value bounded by its
        max, plus its IVA, rounded to whole pesos up or down as code …08 says."""
        if self.percent:
            fee = total.amount * self.rate / 100
            if self.minimum > 0:
                fee = max(fee, self.minimum)
            if self.maximum > 0:
                fee = min(fee, self.maximum)
        else:
            fee = self.fixed if self.maximum_fixed <= 0 else min(self.fixed, self.maximum_fixed)
        fee = fee * (1 + self.vat_rate / 100)
        return Money(fee.quantize(Decimal(1), rounding=ROUND_UP if self.round_up else ROUND_DOWN))


@dataclass(frozen=True)
class PaymentSettings:
    """How the page serves one payment. A SOAP start has the defaults (every method, the merchant's URL)."""

    rut: str = ""  # the REST page's key (domain/gateway/rut.py); "" for a SOAP start
    pse_enabled: bool = True
    card_enabled: bool = True
    terms_prechecked: bool = False
    return_url: str = ""  # code 104, normalised; "" = the merchant's
    tokenization: bool = False  # code 200 = "1": the page registers a card instead of charging it
    split: bool = False  # code 100 "1"/"2": the payer may pay the total in fractions
    split_cards: bool = False  # code 101 "1": more than one fraction by card
    split_pse: bool = False  # code 102 "1": more than one fraction by PSE
    pse_fee: Fee | None = None
    card_fee: Fee | None = None
    extra_optional: tuple[str, str] = ("", "")  # str_opcional4, str_opcional5 (REST str_campo4/5)
    configuration: tuple[Item, ...] = field(default=())  # every AdicionalesConfiguracion item, as sent
    additional: tuple[Item, ...] = field(default=())  # every AdicionalesPago item, as sent

    @property
    def is_rest(self) -> bool:
        return bool(self.rut)

    def value(self, code: int) -> str | None:
        return configured(self.configuration, code)


def configured(items: tuple[Item, ...], code: int) -> str | None:
    """The value of the last item with `code`, stripped; None when absent."""
    found = [value for item_code, value in items if item_code == code]
    return found[-1].strip() if found else None


def _flag(items: tuple[Item, ...], code: int) -> bool:
    return configured(items, code) == "1"


def _decimal(items: tuple[Item, ...], code: int) -> Decimal:
    text = configured(items, code) or "0"
    try:
        value = Decimal(text.replace(",", "."))
    except ArithmeticError:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0:
        raise DomainError(f"El código de configuración {code} debe ser un número no negativo", str(code))
    return value


def _rate(items: tuple[Item, ...], code: int) -> Decimal:
    """A percentage: four digits carry two decimals ("0195" = 1.95 %); fewer are whole points ("02" = 2 %)."""
    text = configured(items, code) or "0"
    if len(text) == 4 and text.isdigit():
        return Decimal(text) / 100
    return _decimal(items, code)


def fee_from(items: tuple[Item, ...], base: int) -> Fee | None:
    """The fee of code 500 (PSE) or 501 (card) when it is enabled ("1"), from its sub-codes base·100+1…8."""
    if not _flag(items, base):
        return None
    sub = base * 100
    return Fee(percent=configured(items, sub + 1) == "1", rate=_rate(items, sub + 2),
               minimum=_decimal(items, sub + 3), maximum=_decimal(items, sub + 4), fixed=_decimal(items, sub + 5),
               maximum_fixed=_decimal(items, sub + 6), vat_rate=_rate(items, sub + 7),
               round_up=configured(items, sub + 8) == "1")


def settings_from(configuration: tuple[Item, ...], additional: tuple[Item, ...], rut: str,
                  extra_optional: tuple[str, str] = ("", "")) -> PaymentSettings:
    """The page settings of a REST start; a DomainError for a return URL (104) the rule refuses or a fee
    code that is not a number."""
    url = configured(configuration, RETURN_URL)
    return PaymentSettings(
        rut=rut,
        pse_enabled=not _flag(configuration, NO_PSE),
        card_enabled=not _flag(configuration, NO_CARD),
        terms_prechecked=_flag(configuration, TERMS_PRECHECKED),
        return_url=normalised_return_url(url) if url else "",
        tokenization=_flag(configuration, TOKENIZATION),
        split=configured(configuration, SPLIT) in ("1", "2"),
        split_cards=_flag(configuration, SPLIT_CARDS),
        split_pse=_flag(configuration, SPLIT_PSE),
        pse_fee=fee_from(configuration, PSE_FEE),
        card_fee=fee_from(configuration, CARD_FEE),
        extra_optional=extra_optional,
        configuration=configuration,
        additional=additional,
    )


def required_service_code(configuration: tuple[Item, ...], merchant_service_code: str) -> str:
    """Code 50: required when the merchant collects by PSE and the start does not disable PSE (103)."""
    code = configured(configuration, SERVICE_CODE) or ""
    if merchant_service_code and not _flag(configuration, NO_PSE) and not code:
        raise DomainError("Código 50 requerido", "50")
    return code
