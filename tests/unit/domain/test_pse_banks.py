"""The bank list PSE offers (pse.md §5) plus the certification test bank."""
from domain.ach.banks import BANKS, COOPCENTRAL_CODE, TEST_BANK_CODE, BankPage, enabled_banks, find_bank


def test_the_list_has_every_bank_of_the_spec_plus_the_test_bank_and_coopcentral():
    codes = {bank.code for bank in BANKS}
    assert len(codes) == len(BANKS) == 36
    assert {"1001", "1007", "1051", "1507", "1551", "1811", COOPCENTRAL_CODE, TEST_BANK_CODE} <= codes
    assert all(len(code) == 4 and code.isdigit() for code in codes)


def test_the_test_bank_is_banco_union_colombiano_with_the_sample_fe_page():
    bank = find_bank("1022")
    assert bank.name == "BANCO UNION COLOMBIANO" and bank.page is BankPage.TEST_BANK
    assert find_bank("1066").name == "BANCO COOPERATIVO COOPCENTRAL"
    assert find_bank("1066").page is BankPage.COOPCENTRAL_NETWORK  # the Red Coopcentral's own flow
    assert find_bank("1051").page is BankPage.GENERIC
    assert find_bank("1007").name == "BANCOLOMBIA"  # never 1022 (pse.md §5 caution)


def test_the_list_is_in_name_order_and_unknown_codes_are_none():
    names = [bank.name for bank in enabled_banks()]
    assert names == sorted(names)
    assert find_bank("9999") is None and find_bank(" 1022 ").code == "1022"
