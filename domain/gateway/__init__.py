"""The gateway context (ZonaPAGOS): payments and their attempts, cards, tokens, merchants, magic values,
and the rules a payment start, a verification and a charge obey."""
