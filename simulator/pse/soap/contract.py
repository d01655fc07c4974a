"""MainServices' contract (pse.md §1.1–1.3) as one table: it writes the WSDL and drives the codec.

ACH's service is ASP.NET document/literal wrapped: the WSDL's targetNamespace is
`http://vesta.com.br/pse/MainServices`, and every body and header element (the wrappers, their
children and all types) is in `http://www.uc-council.org/smp/schemas/eanucc`. Only the operations
the simulator serves are declared. (spyne cannot put wrapper elements outside the application's
namespace, so this contract is plain data; docs/decisions.md says why.)
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from domain.ach.codes import CONFIRM_CODES, CREATE_CODES, FINALIZE_CODES, INFORMATION_CODES

TNS = "http://vesta.com.br/pse/MainServices"
EAN = "http://www.uc-council.org/smp/schemas/eanucc"
SERVICE_NAME = "MainServicesImpl"
PATH = "/PSEWebServices3/MainServices.asmx"


class Kind(Enum):
    """How a value is written on the wire (its XSD type) and read back."""

    STRING = "s:string"
    AMOUNT = "s0:AmountType"  # xs:decimal with the qualified attribute currencyISOcode
    DATE = "s:date"
    COUNT = "s:nonNegativeInteger"
    USER_TYPE = "s0:userTypeListType"
    STATE = "s0:transactionStateCodeList"
    RETURN_CODE = "returnCode"  # the operation's own list (see Operation.return_code_type)


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind = Kind.STRING
    required: bool = False  # minOccurs="1" in the WSDL (the wire still reads a missing one as empty)
    repeated: bool = False  # maxOccurs="unbounded"


@dataclass(frozen=True)
class Operation:
    name: str
    request_child: str  # the wrapper's only child (`createTransactionPaymentInformation`)
    request_type: str
    request_fields: tuple[Field, ...]
    response_child: str
    response_type: str
    response_fields: tuple[Field, ...]
    return_codes: tuple[str, ...] = ()
    response_repeated: bool = False  # getBankList answers 0..n children

    @property
    def return_code_type(self) -> str:
        return f"{self.name}ResponseReturnCodeList"

    @property
    def soap_action(self) -> str:
        return f"{TNS}/{self.name}"


def _codes(codes) -> tuple[str, ...]:
    return tuple(code.value for code in codes)


STATES = ("OK", "NOT_AUTHORIZED", "PENDING", "FAILED")
USER_TYPES = ("0", "1")

OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "getBankList", "getBankListInformation", "getbankListInformationType", (Field("entityCode"),),
        "getBankListResponseInformation", "getBankListResponseInformationType",
        (Field("financialInstitutionCode"), Field("financialInstitutionName")), response_repeated=True,
    ),
    Operation(
        "createTransactionPayment", "createTransactionPaymentInformation", "createTransactionPaymentInformationType",
        (
            Field("financialInstitutionCode"), Field("entityCode"), Field("serviceCode"),
            Field("transactionValue", Kind.AMOUNT), Field("vatValue", Kind.AMOUNT), Field("ticketId", Kind.COUNT),
            Field("entityurl"), Field("userType", Kind.USER_TYPE, required=True),
            Field("referenceNumber", repeated=True), Field("soliciteDate", Kind.DATE, required=True),
            Field("paymentDescription"),
        ),
        "createTransactionPaymentResponseInformation", "createTransactionPaymentResponseInformationType",
        (Field("trazabilityCode"), Field("returnCode", Kind.RETURN_CODE, required=True), Field("bankurl"),
         Field("transactionCycle")),
        _codes(CREATE_CODES),
    ),
    Operation(
        "getTransactionInformation", "getTransactionInformationBody", "getTransactionInformationBodyType",
        (Field("entityCode"), Field("trazabilityCode")),
        "getTransactionInformationResponseBody", "getTransactionInformationResponseBodyType",
        (
            Field("ticketId", Kind.COUNT), Field("trazabilityCode"), Field("entityCode"),
            Field("transactionValue", Kind.AMOUNT), Field("vatValue", Kind.AMOUNT), Field("soliciteDate", Kind.DATE),
            Field("bankProcessDate", Kind.DATE), Field("transactionCycle"),
            Field("transactionState", Kind.STATE, required=True), Field("returnCode", Kind.RETURN_CODE, required=True),
        ),
        _codes(INFORMATION_CODES),
    ),
    Operation(
        "finalizeTransactionPayment", "finalizeTransactionPaymentInformation",
        "finalizeTransactionPaymentInformationType", (Field("entityCode"), Field("trazabilityCode")),
        "finalizeTransactionPaymentResponseInformation", "finalizeTransactionPaymentResponseInformationType",
        (Field("trazabilityCode"), Field("returnCode", Kind.RETURN_CODE, required=True)),
        _codes(FINALIZE_CODES),
    ),
    Operation(
        "confirmTransactionPayment", "confirmTransactionPaymentInformation", "confirmTransactionPaymentInformationType",
        (
            Field("trazabilityCode"), Field("financialInstitutionCode"), Field("entityCode"),
            Field("transactionValue", Kind.AMOUNT), Field("vatValue", Kind.AMOUNT), Field("ticketId", Kind.COUNT),
            Field("soliciteDate", Kind.DATE), Field("bankProcessDate", Kind.DATE),
            Field("transactionState", Kind.STATE), Field("authorizationId"),
        ),
        "confirmTransactionPaymentResponseInformation", "confirmTransactionPaymentResponseInformationType",
        (Field("trazabilityCode"), Field("returnCode", Kind.RETURN_CODE, required=True),
         Field("transactionState", Kind.STATE)),
        _codes(CONFIRM_CODES),
    ),
)
BY_NAME: dict[str, Operation] = {op.name: op for op in OPERATIONS}
