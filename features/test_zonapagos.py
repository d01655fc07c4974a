"""ZonaPAGOS' SOAP services (I-IDI-007): start, verification V4 with every state and its extras."""
from pytest_bdd import scenarios

scenarios("zonapagos_inicio_verificacion.feature", "verificacion_v4.feature")
