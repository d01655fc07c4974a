"""ACH's PSE registration (Alianza's instruction): natural or jurídica; register, update, delete."""
from pytest_bdd import scenarios

scenarios("registro_ach.feature")
