"""The shared kernel: money, identity documents, digits, errors, secrets, contacts, the OTP rule, and the
published language every context speaks (ZonaPAGOS and PSE states, the payer and trace records, ACH's texts)."""
