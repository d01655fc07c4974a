"""The recaudo portal's identification and security code (steps 2–5), over HTTP on the wire target."""
import pytest
from pytest_bdd import scenarios

pytestmark = [pytest.mark.wire]

scenarios("portal_recaudo.feature")
