"""`AchNetwork`: the simulated ACH behind ports.pse.PseNetwork, for the gateway's pages and the SOAP service."""
from __future__ import annotations

from domain.ach.banks import enabled_banks
from domain.ach.codes import AchCode
from domain.ach.transaction import CreateRequest
from ports.clock import Clock
from ports.pse import Bank, PseTransactionCreated, PseTransactionInfo, PseTransactionRequest
from ports.store import SimulatorStore
from domain.ach.policy import AchPolicy
from domain.ach.usecases.transactions import (
    create_transaction, finalize_transaction, read_transaction, start_url,
)


class AchNetwork:
    """ACH PSE in the simulated world. Each call is its own unit of work: call it outside yours."""

    def __init__(self, store: SimulatorStore, clock: Clock, policy: AchPolicy | None = None):
        self.store = store
        self.clock = clock
        self.policy = policy or AchPolicy()

    def banks(self, entity_code: str) -> list[Bank]:
        """getBankList: every enabled institution, the test bank 1022 included (the same list for all)."""
        return [Bank(bank.code, bank.name) for bank in enabled_banks()]

    def create_transaction(self, request: PseTransactionRequest) -> PseTransactionCreated:
        """createTransactionPayment; `bank_url` is root-relative (`/PSEUserRegister/StartTransaction.htm?enc=…`)."""
        command = CreateRequest(
            bank_code=request.bank_code, entity_code=request.entity_code, service_code=request.service_code,
            amount=request.amount, vat=request.vat, ticket_id=str(request.ticket_id), entity_url=request.entity_url,
            user_type=str(request.user_type), references=tuple(request.references), solicit_date=request.solicit_date,
            description=request.description, suggested_email=request.payer_email,
        )
        created = create_transaction(command, self.store, self.clock, self.policy)
        if created.transaction is None:
            return PseTransactionCreated(return_code=created.code.value)
        transaction = created.transaction
        return PseTransactionCreated(
            return_code=AchCode.SUCCESS.value, cus=transaction.cus, bank_url=start_url(transaction.token),
            cycle=transaction.cycle,
        )

    def information(self, entity_code: str, cus: str) -> PseTransactionInfo:
        """getTransactionInformation, after ACH's monitor has applied the clock."""
        read = read_transaction(entity_code, cus, self.store, self.clock, self.policy)
        t = read.transaction
        if t is None:
            return PseTransactionInfo(return_code=read.code.value, cus=cus)
        return PseTransactionInfo(
            return_code=read.code.value, cus=t.cus, ticket_id=t.ticket_id, entity_code=t.entity_code,
            bank_code=t.bank_code, bank_name=t.bank_name, amount=t.amount, vat=t.vat, solicit_date=t.solicit_date,
            bank_process_date=t.bank_process_date, cycle=t.cycle, state=t.state, authorization_id=t.authorization_id,
        )

    def finalize(self, entity_code: str, cus: str) -> str:
        """finalizeTransactionPayment: SUCCESS once the state is final, FAIL_INVALIDSTATE while PENDING."""
        return finalize_transaction(entity_code, cus, self.store, self.clock, self.policy).value

