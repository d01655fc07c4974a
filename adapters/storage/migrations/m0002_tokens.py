"""Card tokens of the token services: last four, brand and expiry only, never the number or the CVV."""

SQL = """
    CREATE TABLE card_tokens (
        token TEXT PRIMARY KEY, merchant_id INTEGER NOT NULL REFERENCES merchants(id),
        customer_id TEXT NOT NULL, last_four TEXT NOT NULL CHECK (length(last_four) = 4),
        brand INTEGER NOT NULL, expiry TEXT NOT NULL, created_at TEXT NOT NULL,
        initial_payment_number INTEGER, issuer_outcome TEXT
    );
    CREATE UNIQUE INDEX card_tokens_by_initial_payment ON card_tokens(merchant_id, initial_payment_number)
        WHERE initial_payment_number IS NOT NULL
    """
