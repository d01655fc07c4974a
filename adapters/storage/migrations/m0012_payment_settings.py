"""A REST start's page settings (domain/gateway/payment_settings.py: rut, methods, return URL, fees, every
AdicionalesConfiguracion and AdicionalesPago item) as one JSON text in the payment's row; NULL for a SOAP start."""

SQL = """
    ALTER TABLE payments ADD COLUMN settings TEXT
"""
