"""The REST generation (Apis_CicloPago, tokenization by code 200) from a merchant's JSON calls and a payer in
Debian's Chromium."""
import pytest
from pytest_bdd import scenarios

pytestmark = [pytest.mark.browser, pytest.mark.wire]

scenarios("zonapagos_rest.feature")
