"""The Red Coopcentral's flow behind bank 1066 (pse-coopcentral.md), over HTTP on the wire target."""
import pytest
from pytest_bdd import scenarios

pytestmark = [pytest.mark.wire]

scenarios("coopcentral.feature")
scenarios("coopcentral_desde_el_comercio.feature")
