"""The environment of a simulator process that tests drive through the recaudo portal: no bot check, the
portal's test hooks on (the OTP inbox), and the sonda run only when a test asks."""
PORTAL_ENV = {"PASARELA_BOT_CHECK": "off", "PASARELA_PORTAL_TEST_HOOKS": "true", "PASARELA_SONDA_TICK": "0"}
