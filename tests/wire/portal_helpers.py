"""The portal driver's HTTP client, for the wire and browser tests (it lives with the Gherkin drivers)."""
from features.drivers.portal import (  # noqa: F401
    NICK, NICK_MOBILE, Page, PortalClient, json_get, json_post, latest_code,
)
