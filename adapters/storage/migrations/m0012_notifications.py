"""Notifications to merchants (zonapagos-ws.md §12): each merchant's notification URLs and shared password,
and the outbox of deliveries with their attempts. `next_at` is the simulated time it is due, in microseconds
since the epoch (ordered as numbers); a claim names its holder and ends at `claim_until`, in real seconds.
A partial index finds the attempts the gateway's own sonda settles (999, 4001) without reading the others."""

SQL = """
    ALTER TABLE merchants ADD COLUMN notification_url TEXT NOT NULL DEFAULT '';
    ALTER TABLE merchants ADD COLUMN token_notification_url TEXT NOT NULL DEFAULT '';
    ALTER TABLE merchants ADD COLUMN notification_password TEXT NOT NULL DEFAULT '';
    CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        merchant_id INTEGER NOT NULL REFERENCES merchants (id),
        reference TEXT NOT NULL,
        url TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL,
        next_at INTEGER NOT NULL,
        series_from INTEGER NOT NULL DEFAULT 0,
        attempts TEXT NOT NULL DEFAULT '[]',
        claimed_by TEXT,
        claim_until REAL
    );
    CREATE INDEX deliveries_due ON deliveries (status, next_at);
    CREATE INDEX deliveries_by_merchant ON deliveries (merchant_id, id);
    CREATE INDEX attempts_awaiting ON attempts (state) WHERE state IN (999, 4001)
"""
