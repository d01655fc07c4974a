"""ACH's MainServices SOAP service (PSEWebServices3): contract, codec and endpoint."""
