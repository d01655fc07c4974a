"""Merchants, payments (starts), attempts and id sequences."""

SQL = """
    CREATE TABLE merchants (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, nit TEXT NOT NULL, start_password TEXT NOT NULL,
        verify_user TEXT NOT NULL, verify_password TEXT NOT NULL, service_code TEXT NOT NULL,
        route TEXT NOT NULL, return_url TEXT NOT NULL, compact_separators INTEGER NOT NULL DEFAULT 0,
        enabled INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE payments (
        identifier INTEGER PRIMARY KEY, merchant_id INTEGER NOT NULL REFERENCES merchants(id),
        reference TEXT NOT NULL, total TEXT NOT NULL, vat TEXT NOT NULL, description TEXT NOT NULL,
        payer_document TEXT NOT NULL, payer_document_type TEXT NOT NULL, payer_first_names TEXT NOT NULL,
        payer_last_names TEXT NOT NULL, payer_phone TEXT NOT NULL, payer_email TEXT NOT NULL,
        optional1 TEXT NOT NULL, optional2 TEXT NOT NULL, optional3 TEXT NOT NULL,
        service_code TEXT NOT NULL, created_at TEXT NOT NULL, verifications INTEGER NOT NULL DEFAULT 0,
        UNIQUE (merchant_id, reference)
    );
    CREATE TABLE attempts (
        number INTEGER PRIMARY KEY, identifier INTEGER NOT NULL REFERENCES payments(identifier),
        started_at TEXT NOT NULL, state INTEGER NOT NULL, method INTEGER, pse TEXT, card TEXT,
        history TEXT NOT NULL
    );
    CREATE INDEX attempts_by_payment ON attempts(identifier, number);
    CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    """
