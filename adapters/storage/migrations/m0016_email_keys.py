"""E-mails found in any case, beyond ASCII: a payer's and a message recipient's address also kept as a key,
`email.strip().casefold()` (written by adapters/storage/pse_sqlite.py), which every lookup compares.

SQLite's COLLATE NOCASE folds ASCII letters only (JOSÉ and josé stayed two addresses); the memory store and
PostgreSQL's collation fold every letter. Rows from before this step get `lower()` of their address: the same
key for the ASCII addresses the simulator's own forms write (they lowercase), SQLite's ASCII-only lower for any
other (found as before: by their own spelling of the non-ASCII letters).
"""

SQL = """
    ALTER TABLE pse_payers ADD COLUMN email_key TEXT;
    UPDATE pse_payers SET email_key = lower(email);
    CREATE INDEX pse_payers_by_email_key ON pse_payers(email_key);
    ALTER TABLE notifications ADD COLUMN recipient_key TEXT;
    UPDATE notifications SET recipient_key = lower(recipient);
    CREATE INDEX notifications_by_recipient_key ON notifications(recipient_key, id)
"""
