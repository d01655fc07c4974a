"""The load test's users, one module each; loadtests/locustfile.py imports them all."""
from loadtests.users.merchant import MerchantUser
from loadtests.users.payer import PayerUser
from loadtests.users.rest_merchant import RestMerchantUser
from loadtests.users.sonda import SondaUser
from loadtests.users.tokens import TokenUser

__all__ = ["MerchantUser", "PayerUser", "RestMerchantUser", "SondaUser", "TokenUser"]
