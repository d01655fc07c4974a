"""The ZonaPAGOS SOAP services: contract, wire codec, and their spyne models."""
