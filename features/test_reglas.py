"""The domain's rules as QA reads them: product table, sonda schedule, ACH's fixed texts (in-process)."""
from pytest_bdd import scenarios

scenarios("reglas_productos.feature", "sonda.feature", "mensajes_ach.feature")
