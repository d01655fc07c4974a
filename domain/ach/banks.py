"""The financial institutions PSE offers (pse.md §5), plus the certification test bank 1022.

Each bank says which page of the simulated world plays it: the "PSE Sample FE" test page for 1022,
the Red Coopcentral's network flow for 1066 (pse-coopcentral.md), a generic approve/reject page for
the others.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class BankPage(Enum):
    TEST_BANK = "test_bank"  # "PSE Sample FE": Pay / Cancel / Debug Sonda
    GENERIC = "generic"  # approve / reject
    COOPCENTRAL_NETWORK = "coopcentral"  # document → network entity → Portal Transaccional → account → OTP


@dataclass(frozen=True)
class FinancialInstitution:
    code: str  # financialInstitutionCode, 4 digits
    name: str  # financialInstitutionName, as PSE shows it
    enabled: bool = True
    page: BankPage = BankPage.GENERIC


TEST_BANK_CODE = "1022"
TEST_BANK_NAME = "BANCO UNION COLOMBIANO"
COOPCENTRAL_CODE = "1066"

_LIST = (
    ("1001", "BANCO DE BOGOTA"), ("1002", "BANCO POPULAR"), ("1006", "BANCO ITAU"), ("1007", "BANCOLOMBIA"),
    ("1009", "CITIBANK"), ("1012", "BANCO GNB SUDAMERIS"), ("1013", "BANCO BBVA COLOMBIA S.A."),
    ("1019", "SCOTIABANK COLPATRIA"), ("1023", "BANCO DE OCCIDENTE"), ("1032", "BANCO CAJA SOCIAL"),
    ("1040", "BANCO AGRARIO"), ("1051", "BANCO DAVIVIENDA"), ("1052", "BANCO AV VILLAS"),
    ("1059", "BANCAMIA S.A."), ("1060", "BANCO PICHINCHA S.A."), ("1061", "BANCOOMEVA S.A."),
    ("1062", "BANCO FALABELLA"), ("1063", "BANCO FINANDINA S.A. BIC"), ("1065", "BANCO SANTANDER COLOMBIA"),
    ("1069", "BANCO SERFINANZA"), ("1070", "LULO BANK"),
    ("1097", "DALE"), ("1283", "CFA COOPERATIVA FINANCIERA"), ("1289", "COTRAFA"),
    ("1291", "COOFINEP COOPERATIVA FINANCIERA"), ("1292", "CONFIAR COOPERATIVA FINANCIERA"),
    ("1303", "BANCO UNION (antes GIROS)"), ("1370", "COLTEFINANCIERA"), ("1507", "NEQUI"), ("1551", "DAVIPLATA"),
    ("1558", "BAN100"), ("1637", "IRIS"), ("1801", "MOVII S.A."), ("1811", "RAPPIPAY"),
)

# Ordered as PSE lists them: by name, the test bank and Coopcentral in their alphabetical places.
BANKS: tuple[FinancialInstitution, ...] = tuple(sorted(
    [FinancialInstitution(code, name) for code, name in _LIST]
    + [FinancialInstitution(TEST_BANK_CODE, TEST_BANK_NAME, page=BankPage.TEST_BANK),
       FinancialInstitution(COOPCENTRAL_CODE, "BANCO COOPERATIVO COOPCENTRAL", page=BankPage.COOPCENTRAL_NETWORK)],
    key=lambda bank: bank.name,
))
_BY_CODE = {bank.code: bank for bank in BANKS}


def find_bank(code: str) -> FinancialInstitution | None:
    """The institution with this financialInstitutionCode, enabled or not, or None."""
    return _BY_CODE.get(code.strip()) if isinstance(code, str) else None


def enabled_banks(catalogue: tuple[FinancialInstitution, ...] = BANKS) -> list[FinancialInstitution]:
    """What getBankList answers: the enabled institutions."""
    return [bank for bank in catalogue if bank.enabled]
