"""Simulator state shared by every worker process of one database: the clock offset, the version of the
control settings (fault rules), the fault rules and the request journal."""

SQL = """
    CREATE TABLE sim_state (
        id INTEGER PRIMARY KEY CHECK (id = 1), clock_offset REAL NOT NULL, config_version INTEGER NOT NULL
    );
    INSERT INTO sim_state (id, clock_offset, config_version) VALUES (1, 0, 0);
    CREATE TABLE fault_rules (
        id INTEGER PRIMARY KEY AUTOINCREMENT, operation TEXT NOT NULL, kind TEXT NOT NULL,
        delay_ms INTEGER NOT NULL DEFAULT 0, delay_max_ms INTEGER NOT NULL DEFAULT 0,
        probability REAL NOT NULL DEFAULT 1.0, remaining INTEGER, created_at TEXT NOT NULL
    );
    CREATE TABLE journal (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, channel TEXT NOT NULL, operation TEXT NOT NULL,
        method TEXT NOT NULL, path TEXT NOT NULL, status INTEGER NOT NULL, duration_ms REAL NOT NULL,
        remote TEXT NOT NULL, request TEXT NOT NULL, response TEXT NOT NULL
    );
    CREATE INDEX journal_by_operation ON journal(operation, id)
"""
