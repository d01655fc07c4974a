"""ACH PSE: transactions, payers registered at PSE, the simulator's outbox (inbox) and page secrets."""

SQL = """
    CREATE TABLE pse_transactions (
        cus TEXT PRIMARY KEY, token TEXT NOT NULL UNIQUE, entity_code TEXT NOT NULL, entity_name TEXT NOT NULL,
        service_code TEXT NOT NULL, bank_code TEXT NOT NULL, bank_name TEXT NOT NULL, amount TEXT NOT NULL,
        vat TEXT NOT NULL, ticket_id TEXT NOT NULL, entity_url TEXT NOT NULL, user_type TEXT NOT NULL,
        reference1 TEXT NOT NULL, reference2 TEXT NOT NULL, reference3 TEXT NOT NULL, description TEXT NOT NULL,
        solicit_date TEXT NOT NULL, created_at TEXT NOT NULL, cycle TEXT NOT NULL, state TEXT NOT NULL,
        bank_process_date TEXT, authorization_id TEXT NOT NULL, finalized INTEGER NOT NULL,
        payer_email TEXT NOT NULL, suggested_email TEXT NOT NULL, held_outcome TEXT, information_calls INTEGER NOT NULL,
        finalize_calls INTEGER NOT NULL, history TEXT NOT NULL
    );
    CREATE INDEX pse_transactions_by_creation ON pse_transactions(created_at);
    CREATE TABLE pse_payers (
        email TEXT PRIMARY KEY COLLATE NOCASE, kind TEXT NOT NULL, document_type TEXT NOT NULL,
        document_number TEXT NOT NULL, first_names TEXT NOT NULL, last_names TEXT NOT NULL, mobile TEXT NOT NULL,
        address TEXT NOT NULL, security_question TEXT NOT NULL, security_answer TEXT NOT NULL,
        news_opt_in INTEGER NOT NULL, registered_at TEXT NOT NULL, updated_at TEXT NOT NULL
    );
    CREATE TABLE notifications (
        id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, recipient TEXT NOT NULL COLLATE NOCASE,
        subject TEXT NOT NULL, body TEXT NOT NULL, sent_at TEXT NOT NULL
    );
    CREATE INDEX notifications_by_recipient ON notifications(recipient, id);
    CREATE TABLE sim_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)
"""
