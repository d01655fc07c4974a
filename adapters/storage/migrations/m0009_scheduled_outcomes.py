"""Outcomes the control API scheduled for a merchant's next payment."""

SQL = """
    CREATE TABLE scheduled_outcomes (
        merchant_id INTEGER PRIMARY KEY, state INTEGER NOT NULL, method INTEGER
    )
"""
