"""`python -m loadtests.bench`: wrk benchmark of the SOAP hot paths against a bare aiohttp ceiling.

See docs/performance.md for the method, the figures and the profile.
"""
