"""The recaudo portal's web pages (aiohttp + Jinja2): the driving adapter of the recaudo use cases."""
