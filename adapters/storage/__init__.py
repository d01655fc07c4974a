"""Storage adapters: SQLite (the embedded default) and in memory (unit tests, in-process target)."""
