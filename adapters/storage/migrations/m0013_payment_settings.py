"""A REST start's page settings (domain/gateway/payment_settings.py: rut, methods, return URL, fees, every
AdicionalesConfiguracion and AdicionalesPago item) as one JSON text in the payment's row; NULL for a SOAP start.
An attempt's fraction of a split payment (code 100) in `attempts.amount`; NULL: the attempt pays the total."""

SQL = """
    ALTER TABLE payments ADD COLUMN settings TEXT;
    ALTER TABLE attempts ADD COLUMN amount TEXT
"""
