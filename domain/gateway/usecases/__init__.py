"""The gateway's use cases: start, verify, charge, tokenize, the payment page's steps; each takes its ports."""
