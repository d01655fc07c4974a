"""The cooperative's core banking as the simulator keeps it: entities, associates, products, credit ledger.

The ledger's UNIQUE (reference, entity, product) makes crediting a payment to a product idempotent.
Amounts are decimal strings (pesos with two decimals), never floats.
"""

SQL = """
    CREATE TABLE coop_entities (
        nit TEXT PRIMARY KEY, name TEXT NOT NULL, collection_enabled INTEGER NOT NULL
    );
    CREATE TABLE coop_associates (
        document_type TEXT NOT NULL, document_number TEXT NOT NULL,
        entity_nit TEXT NOT NULL REFERENCES coop_entities(nit), full_name TEXT NOT NULL,
        first_names TEXT NOT NULL, last_names TEXT NOT NULL, mobile TEXT, email TEXT,
        PRIMARY KEY (document_type, document_number)
    );
    CREATE TABLE coop_products (
        entity_nit TEXT NOT NULL REFERENCES coop_entities(nit), type_code TEXT NOT NULL, number TEXT NOT NULL,
        owner_type TEXT NOT NULL, owner_number TEXT NOT NULL, position INTEGER NOT NULL, active INTEGER NOT NULL,
        balance TEXT NOT NULL, minimum_due TEXT NOT NULL, full_due TEXT NOT NULL, due_date TEXT, max_deposit TEXT,
        PRIMARY KEY (entity_nit, type_code, number),
        FOREIGN KEY (owner_type, owner_number) REFERENCES coop_associates(document_type, document_number)
    );
    CREATE INDEX coop_products_by_owner ON coop_products(owner_type, owner_number, position);
    CREATE TABLE coop_credits (
        id INTEGER PRIMARY KEY AUTOINCREMENT, reference TEXT NOT NULL, entity_nit TEXT NOT NULL,
        type_code TEXT NOT NULL, number TEXT NOT NULL, amount TEXT NOT NULL, applied INTEGER NOT NULL,
        credited_at TEXT NOT NULL,
        UNIQUE (reference, entity_nit, type_code, number)
    )
"""
