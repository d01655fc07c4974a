"""The ACH context (PSE): transactions, registered payers, return codes, banks, magic values, policy."""
