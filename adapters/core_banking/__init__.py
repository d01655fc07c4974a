"""The cooperative's core banking as the simulator keeps it (CoreBanking port): SQLite, and a memory fake."""
