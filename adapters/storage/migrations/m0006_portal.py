"""The recaudo portal's own records: sessions, the payments it started, its counters, leases and secrets."""

SQL = """
    CREATE TABLE portal_sessions (
        id TEXT PRIMARY KEY, state TEXT NOT NULL, data TEXT NOT NULL, created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX portal_sessions_by_update ON portal_sessions(updated_at);
    CREATE TABLE portal_payments (
        reference_number INTEGER PRIMARY KEY, reference TEXT NOT NULL UNIQUE, session_id TEXT NOT NULL,
        associate TEXT NOT NULL, is_open INTEGER NOT NULL, uncredited INTEGER NOT NULL, created_at TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX portal_payments_open ON portal_payments(is_open, reference_number);
    CREATE INDEX portal_payments_uncredited ON portal_payments(uncredited, reference_number);
    CREATE INDEX portal_payments_by_associate ON portal_payments(associate, reference_number);
    CREATE TABLE portal_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    CREATE TABLE portal_leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at REAL NOT NULL);
    CREATE TABLE portal_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)
"""
