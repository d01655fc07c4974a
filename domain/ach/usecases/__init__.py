"""ACH's use cases: create, read, finalize and confirm transactions; the payer's pages; registration."""
