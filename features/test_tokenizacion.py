from pytest_bdd import scenarios

scenarios("tokenizacion.feature")
