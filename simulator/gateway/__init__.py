"""The simulated ZonaPAGOS gateway: its use cases, on the domain's payment state machine."""
