"""SOAP plumbing shared by every simulated ASMX service: hardened parsing, envelopes, faults."""
