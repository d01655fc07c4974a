from pytest_bdd import scenarios

scenarios("zonapagos_inicio_verificacion.feature")
