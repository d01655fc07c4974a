"""Notifications to merchants and the REST charge by token (zonapagos-ws.md §12, §13)."""
from pytest_bdd import scenarios

scenarios("notificaciones.feature")
