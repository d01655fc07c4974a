"""The certification assistant's rules as QA reads them (in-process: the domain grades a synthetic timeline)."""
from pytest_bdd import scenarios

scenarios("certificacion.feature")
