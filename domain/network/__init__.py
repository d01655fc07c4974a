"""The network context (Red Coopcentral): members, associates, accounts and their topes, the network payment."""
