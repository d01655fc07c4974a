"""The payer's side of the gateway and PSE (steps 10–15), in Debian's Chromium."""
import pytest
from pytest_bdd import scenarios

pytestmark = [pytest.mark.browser, pytest.mark.wire]

scenarios("pasarela_pse.feature")
