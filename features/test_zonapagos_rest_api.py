"""The REST generation's answers and errors as a merchant's code sees them (HTTP on the suite's simulator)."""
import pytest
from pytest_bdd import scenarios

pytestmark = [pytest.mark.wire]

scenarios("zonapagos_rest_api.feature")
