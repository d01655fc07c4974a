"""The ZonaPAGOS SOAP client adapters (aiohttp): production, zonapagosdemo or the local simulator."""
