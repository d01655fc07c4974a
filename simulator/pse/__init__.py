"""The simulated ACH Colombia: PSE transactions, the PSE pages, the banks' pages and MainServices SOAP."""
