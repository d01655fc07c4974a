"""Certification: the rules ACH and the gateway grade a merchant's integration by (zonapagos-ws.md §10, §15;
pse.md §4), as data, fed with what the simulator saw (the journal's requests, the payments' histories).

A bounded context of its own: it meets the other contexts only in the shared kernel (states and methods).
"""
