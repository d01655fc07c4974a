"""An in-memory PseNetwork for the gateway's unit tests: the test decides what ACH answers."""
from __future__ import annotations

from dataclasses import dataclass, field

from domain.shared.payment_states import PseState
from ports.pse import Bank, PseTransactionCreated, PseTransactionInfo, PseTransactionRequest


@dataclass
class FakePseNetwork:
    bank_list: list[Bank] = field(default_factory=lambda: [Bank("1022", "BANCO UNION COLOMBIANO"),
                                                            Bank("1007", "BANCOLOMBIA")])
    create_code: str = "SUCCESS"
    created: list[PseTransactionRequest] = field(default_factory=list)
    states: dict[str, PseState] = field(default_factory=dict)
    finalized: list[str] = field(default_factory=list)
    next_cus: int = 5000

    def banks(self, entity_code: str) -> list[Bank]:
        return list(self.bank_list)

    def create_transaction(self, request: PseTransactionRequest) -> PseTransactionCreated:
        self.created.append(request)
        if self.create_code != "SUCCESS":
            return PseTransactionCreated(self.create_code)
        self.next_cus += 1
        cus = str(self.next_cus)
        self.states[cus] = PseState.PENDING
        return PseTransactionCreated("SUCCESS", cus, f"/PSEUserRegister/StartTransaction.htm?enc=t{cus}", "2")

    def information(self, entity_code: str, cus: str) -> PseTransactionInfo:
        if cus not in self.states:
            return PseTransactionInfo("FAIL_INVALIDTRAZABILITYCODE", cus)
        return PseTransactionInfo("SUCCESS", cus, state=self.states[cus])

    def finalize(self, entity_code: str, cus: str) -> str:
        self.finalized.append(cus)
        return "SUCCESS" if self.states.get(cus) is PseState.OK else "FAIL_INVALIDSTATE"
