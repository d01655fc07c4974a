"""The verification read model (domain/gateway/verification_view.py): per payment, what verificar_pago_v4
answers, written with every add and save of the payment in the same transaction. Files from before this
migration are filled in when the store opens (adapters/storage/sqlite.py `backfill_views`)."""

SQL = """
    CREATE TABLE verification_views (
        merchant_id INTEGER NOT NULL, reference TEXT NOT NULL, identifier INTEGER NOT NULL UNIQUE,
        needs_full_path INTEGER NOT NULL, timer TEXT, timer_since INTEGER, attempts INTEGER NOT NULL,
        padded TEXT NOT NULL, compact TEXT NOT NULL,
        PRIMARY KEY (merchant_id, reference)
    ) WITHOUT ROWID
"""
