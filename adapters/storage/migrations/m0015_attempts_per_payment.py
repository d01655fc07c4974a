"""An attempt is its payment's: the key of `attempts` becomes (identifier, number) instead of `number` alone.

With `number` the table's key, writing a payment's attempts (INSERT OR REPLACE, an upsert on PostgreSQL) could
replace a row of another payment that had the same number, moving that attempt to the writer. Keyed by the
payment, a write only ever replaces the writer's own attempts. SQLite cannot change a table's key in place: the
table is copied into a new one (every row kept) and renamed; the new key's own index replaces `attempts_by_payment`.
PostgreSQL changes the key in place.
"""

SQL = """
    CREATE TABLE attempts_keyed (
        number INTEGER NOT NULL, identifier INTEGER NOT NULL REFERENCES payments(identifier),
        started_at TEXT NOT NULL, state INTEGER NOT NULL, method INTEGER, pse TEXT, card TEXT,
        history TEXT NOT NULL, amount TEXT,
        PRIMARY KEY (identifier, number)
    );
    INSERT INTO attempts_keyed (number, identifier, started_at, state, method, pse, card, history, amount)
        SELECT number, identifier, started_at, state, method, pse, card, history, amount FROM attempts;
    DROP TABLE attempts;
    ALTER TABLE attempts_keyed RENAME TO attempts;
    CREATE INDEX attempts_awaiting ON attempts (state) WHERE state IN (999, 4001)
"""

POSTGRES = """
    ALTER TABLE attempts DROP CONSTRAINT attempts_pkey;
    ALTER TABLE attempts ADD PRIMARY KEY (identifier, number);
    DROP INDEX attempts_by_payment
"""
