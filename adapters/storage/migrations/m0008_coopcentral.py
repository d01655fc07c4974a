"""The Red Coopcentral (bank 1066): entities, associates, portal memberships, accounts, PSE debits, visits."""

SQL = """
    CREATE TABLE network_entities (
        code TEXT PRIMARY KEY, name TEXT NOT NULL, nit TEXT NOT NULL, active INTEGER NOT NULL
    );
    CREATE TABLE network_associates (
        document_type TEXT NOT NULL, document_number TEXT NOT NULL, full_name TEXT NOT NULL,
        mobile TEXT NOT NULL, email TEXT NOT NULL, PRIMARY KEY (document_type, document_number)
    );
    CREATE TABLE network_memberships (
        entity_code TEXT NOT NULL REFERENCES network_entities(code), document_type TEXT NOT NULL,
        document_number TEXT NOT NULL, portal_user TEXT NOT NULL COLLATE NOCASE, password_hash TEXT NOT NULL,
        last_access_at TEXT, last_access_ip TEXT NOT NULL,
        PRIMARY KEY (entity_code, document_type, document_number), UNIQUE (entity_code, portal_user)
    );
    CREATE TABLE network_accounts (
        number TEXT PRIMARY KEY, entity_code TEXT NOT NULL REFERENCES network_entities(code),
        document_type TEXT NOT NULL, document_number TEXT NOT NULL, type TEXT NOT NULL, balance TEXT NOT NULL,
        available TEXT NOT NULL, daily_limit TEXT NOT NULL, max_debits_per_day INTEGER NOT NULL,
        debited_today TEXT NOT NULL, debits_today INTEGER NOT NULL, activity_day TEXT, active INTEGER NOT NULL
    );
    CREATE INDEX network_accounts_by_owner ON network_accounts(document_type, document_number, entity_code);
    CREATE TABLE network_debits (
        cus TEXT PRIMARY KEY, account_number TEXT NOT NULL REFERENCES network_accounts(number),
        amount TEXT NOT NULL, at TEXT NOT NULL, transaction_number TEXT NOT NULL
    );
    CREATE TABLE network_visits (
        id TEXT PRIMARY KEY, cus TEXT NOT NULL, data TEXT NOT NULL, updated_at TEXT NOT NULL
    );
    CREATE INDEX network_visits_by_cus ON network_visits(cus)
"""
