"""The verification read model (domain/gateway/verification_view.py): what verificar_pago_v4 answers, in
columns of the payment's own row, written by the same INSERT or UPDATE as the payment (no second table: its
extra B-tree pages made every start's commit write more). NULL in rows from before this migration: they are
filled in when the store opens (adapters/storage/sqlite.py `backfill_views`)."""

SQL = """
    ALTER TABLE payments ADD COLUMN view_needs_full_path INTEGER;
    ALTER TABLE payments ADD COLUMN view_timer TEXT;
    ALTER TABLE payments ADD COLUMN view_timer_since INTEGER;
    ALTER TABLE payments ADD COLUMN view_attempts INTEGER;
    ALTER TABLE payments ADD COLUMN view_padded TEXT;
    ALTER TABLE payments ADD COLUMN view_compact TEXT
"""
