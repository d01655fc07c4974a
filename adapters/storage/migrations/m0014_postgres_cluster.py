"""What several instances on one PostgreSQL database need that one SQLite file does not (SQLite: nothing).

- `cache_version`: what `PRAGMA data_version` is to SQLite (adapters/storage/freshness.py). A statement-level
  trigger on every table an instance caches (merchants, scheduled outcomes, fault rules, the clock offset in
  sim_state) sets it to a new number from a sequence, in the writing transaction: an instance that sees it
  unchanged knows its cached rows are current; a rolled-back write leaves it as it was, and a sequence never
  hands out a number twice, so no two versions are ever confused.
- `rowid`: the two lists SQLite orders by its rowid (ACH's transactions within one instant, the cooperative's
  associates) get a column of that name, kept by an upsert (so a saved transaction keeps its place).
"""

SQL = ""

POSTGRES = """
    CREATE SEQUENCE cache_version_numbers;
    CREATE TABLE cache_version (id INTEGER PRIMARY KEY CHECK (id = 1), value BIGINT NOT NULL);
    INSERT INTO cache_version (id, value) VALUES (1, nextval('cache_version_numbers'));
    CREATE FUNCTION bump_cache_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE cache_version SET value = nextval('cache_version_numbers') WHERE id = 1;
        RETURN NULL;
    END $$;
    CREATE TRIGGER merchants_cached AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON merchants
        FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_version();
    CREATE TRIGGER scheduled_outcomes_cached AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON scheduled_outcomes
        FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_version();
    CREATE TRIGGER fault_rules_cached AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fault_rules
        FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_version();
    CREATE TRIGGER sim_state_cached AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sim_state
        FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_version();
    ALTER TABLE pse_transactions ADD COLUMN rowid BIGSERIAL;
    ALTER TABLE coop_associates ADD COLUMN rowid BIGSERIAL
"""
