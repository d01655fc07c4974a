"""ACH PSE return codes (pse.md §1.4), spelled exactly as ACH spells them, and which operation uses which.

`FAIL_INVALIDSOLICITDATE` (no E) belongs to createTransactionPayment, `FAIL_INVALIDSOLICITEDATE` (with E)
to confirmTransactionPayment, and `FAIL_BANKUNREACHEABLE` keeps ACH's "REACHEABLE": clients compare these
strings, so they are never corrected.
"""
from __future__ import annotations

from enum import Enum


class AchCode(str, Enum):
    """Every `returnCode` pse.md §1.4 lists, for any MainServices operation."""

    SUCCESS = "SUCCESS"
    # createTransactionPayment
    FAIL_ENTITYNOTEXISTSORDISABLED = "FAIL_ENTITYNOTEXISTSORDISABLED"
    FAIL_BANKNOTEXISTSORDISABLED = "FAIL_BANKNOTEXISTSORDISABLED"
    FAIL_SERVICENOTEXISTS = "FAIL_SERVICENOTEXISTS"
    FAIL_INVALIDAMOUNT = "FAIL_INVALIDAMOUNT"
    FAIL_INVALIDSOLICITDATE = "FAIL_INVALIDSOLICITDATE"
    FAIL_BANKUNREACHEABLE = "FAIL_BANKUNREACHEABLE"
    FAIL_NOTCONFIRMEDBYBANK = "FAIL_NOTCONFIRMEDBYBANK"
    FAIL_CANNOTGETCURRENTCYCLE = "FAIL_CANNOTGETCURRENTCYCLE"
    FAIL_ACCESSDENIED = "FAIL_ACCESSDENIED"
    FAIL_TIMEOUT = "FAIL_TIMEOUT"
    FAIL_DESCRIPTIONNOTFOUND = "FAIL_DESCRIPTIONNOTFOUND"
    FAIL_EXCEEDEDLIMIT = "FAIL_EXCEEDEDLIMIT"
    FAIL_TRANSACTIONNOTALLOWED = "FAIL_TRANSACTIONNOTALLOWED"
    FAIL_ERRORINCREDITS = "FAIL_ERRORINCREDITS"  # MultiCredit only
    FAIL_RISK = "FAIL_RISK"  # PlaceToPay's aggregator list [3P]
    FAIL_NOHOST = "FAIL_NOHOST"  # [3P]
    FAIL_NOTALLOWEDBYTIME = "FAIL_NOTALLOWEDBYTIME"  # [3P]
    # getTransactionInformation / finalizeTransactionPayment / confirmTransactionPayment
    FAIL_INVALIDTRAZABILITYCODE = "FAIL_INVALIDTRAZABILITYCODE"
    FAIL_INVALIDSTATE = "FAIL_INVALIDSTATE"
    FAIL_INVALIDBANKPROCESSINGDATE = "FAIL_INVALIDBANKPROCESSINGDATE"
    FAIL_INVALIDAUTHORIZEDAMOUNT = "FAIL_INVALIDAUTHORIZEDAMOUNT"
    FAIL_INCONSISTENTDATA = "FAIL_INCONSISTENTDATA"
    FAIL_INVALIDVATVALUE = "FAIL_INVALIDVATVALUE"
    FAIL_INVALIDTICKETID = "FAIL_INVALIDTICKETID"
    FAIL_INVALIDSOLICITEDATE = "FAIL_INVALIDSOLICITEDATE"
    FAIL_INVALIDAUTHORIZATIONID = "FAIL_INVALIDAUTHORIZATIONID"
    FAIL_INVALIDPAYMENTORIGINORMODE = "FAIL_INVALIDPAYMENTORIGINORMODE"  # confirm 2 / FD2
    # authorizeTransactionPayment (DIAN)
    FAIL_NOTCONFIGURED = "FAIL_NOTCONFIGURED"
    FAIL_INVALIDDATETIME = "FAIL_INVALIDDATETIME"
    FAIL_INVALIDERRORCODE = "FAIL_INVALIDERRORCODE"
    FAIL_INVALIDSERVICECODE = "FAIL_INVALIDSERVICECODE"
    FAIL_INVALIDAUTHORIZATIONCODEEF = "FAIL_INVALIDAUTHORIZATIONCODEEF"
    FAIL_CANNOTCONTACTDIAN = "FAIL_CANNOTCONTACTDIAN"
    FAIL_INVALIDSTATEINDIAN = "FAIL_INVALIDSTATEINDIAN"
    # getConciliationFile / getFilesACH
    FAIL_NOFILESFOUND = "FAIL_NOFILESFOUND"

    def __str__(self) -> str:
        return self.value

    @property
    def succeeded(self) -> bool:
        return self is AchCode.SUCCESS


# What each operation the simulator serves may answer (pse.md §1.4), in the order of the spec.
CREATE_CODES: tuple[AchCode, ...] = (
    AchCode.SUCCESS, AchCode.FAIL_ENTITYNOTEXISTSORDISABLED, AchCode.FAIL_BANKNOTEXISTSORDISABLED,
    AchCode.FAIL_SERVICENOTEXISTS, AchCode.FAIL_INVALIDAMOUNT, AchCode.FAIL_INVALIDSOLICITDATE,
    AchCode.FAIL_BANKUNREACHEABLE, AchCode.FAIL_NOTCONFIRMEDBYBANK, AchCode.FAIL_CANNOTGETCURRENTCYCLE,
    AchCode.FAIL_ACCESSDENIED, AchCode.FAIL_TIMEOUT, AchCode.FAIL_DESCRIPTIONNOTFOUND,
    AchCode.FAIL_EXCEEDEDLIMIT, AchCode.FAIL_TRANSACTIONNOTALLOWED,
)
INFORMATION_CODES: tuple[AchCode, ...] = (
    AchCode.SUCCESS, AchCode.FAIL_INVALIDTRAZABILITYCODE, AchCode.FAIL_ACCESSDENIED, AchCode.FAIL_TIMEOUT,
)
FINALIZE_CODES: tuple[AchCode, ...] = (
    AchCode.SUCCESS, AchCode.FAIL_INVALIDTRAZABILITYCODE, AchCode.FAIL_ACCESSDENIED, AchCode.FAIL_INVALIDSTATE,
    AchCode.FAIL_TIMEOUT,
)
CONFIRM_CODES: tuple[AchCode, ...] = (
    AchCode.SUCCESS, AchCode.FAIL_INVALIDTRAZABILITYCODE, AchCode.FAIL_ACCESSDENIED, AchCode.FAIL_INVALIDSTATE,
    AchCode.FAIL_INVALIDBANKPROCESSINGDATE, AchCode.FAIL_INVALIDAUTHORIZEDAMOUNT, AchCode.FAIL_INCONSISTENTDATA,
    AchCode.FAIL_TIMEOUT, AchCode.FAIL_INVALIDVATVALUE, AchCode.FAIL_INVALIDTICKETID,
    AchCode.FAIL_INVALIDSOLICITEDATE, AchCode.FAIL_INVALIDAUTHORIZATIONID,
)

# ACH's fixed texts for the merchant page (pse.md §4, "Anexo 1.2"), in substance.
PAYER_MESSAGES: dict[AchCode, str] = {
    AchCode.FAIL_EXCEEDEDLIMIT: (
        "El monto de la transacción excede los límites establecidos en PSE para la empresa; "
        "por favor comuníquese con nuestras líneas de atención al cliente."
    ),
    AchCode.FAIL_BANKUNREACHEABLE: (
        "La entidad financiera no puede ser contactada para iniciar la transacción; por favor seleccione "
        "otra o intente más tarde."
    ),
}
GENERIC_PAYER_MESSAGE = (
    "No se pudo crear la transacción; por favor intente más tarde o comuníquese con nuestras líneas de "
    "atención al cliente."
)


def payer_message(code: AchCode | str) -> str:
    """The Spanish text a merchant page shows for a failed createTransactionPayment (Anexo 1.2)."""
    return PAYER_MESSAGES.get(AchCode(code), GENERIC_PAYER_MESSAGE) if code in AchCode._value2member_map_ \
        else GENERIC_PAYER_MESSAGE
