"""The SQL repositories' SQLite statements as PostgreSQL runs them (adapters/storage/pg_dialect.py)."""
from __future__ import annotations

import pytest

from adapters.storage.pg_dialect import Schema, translate
from adapters.storage.pg_connection import redacted

SCHEMA = Schema({"merchants": ("id",), "network_associates": ("document_type", "document_number"),
                 "portal_counters": ("name",), "links": ("a", "b")}, frozenset({"notifications", "fault_rules"}))


def test_placeholders_become_psycopgs_and_a_literal_percent_is_kept():
    assert translate("SELECT x FROM t WHERE a = ? AND b LIKE '5%'", SCHEMA).sql == (
        "SELECT x FROM t WHERE a = %s AND b LIKE '5%%'")


def test_insert_or_replace_updates_every_column_but_the_primary_key():
    statement = translate("INSERT OR REPLACE INTO network_associates (document_type, document_number, full_name) "
                          "VALUES (?, ?, ?)", SCHEMA)
    assert statement.sql == (
        "INSERT INTO network_associates (document_type, document_number, full_name) VALUES (%s, %s, %s) "
        "ON CONFLICT (document_type, document_number) DO UPDATE SET full_name = EXCLUDED.full_name")
    assert statement.writes and statement.copy is None


def test_replacing_a_row_that_is_all_key_does_nothing_on_conflict():
    assert translate("INSERT OR REPLACE INTO links (a, b) VALUES (?, ?)", SCHEMA).sql.endswith(
        "ON CONFLICT (a, b) DO NOTHING")


def test_a_replace_into_a_table_without_a_primary_key_is_refused_not_guessed():
    with pytest.raises(ValueError, match="no primary key"):
        translate("INSERT OR REPLACE INTO unknown (a) VALUES (?)", SCHEMA)


def test_insert_or_ignore_does_nothing_on_any_conflict():
    assert translate("INSERT OR IGNORE INTO portal_secrets (name, value) VALUES (?, ?)", SCHEMA).sql == (
        "INSERT INTO portal_secrets (name, value) VALUES (%s, %s) ON CONFLICT DO NOTHING")


def test_sqlites_two_argument_max_is_greatest_and_the_aggregate_stays():
    assert translate("UPDATE portal_counters SET value = MAX(value + 1, ?) WHERE name = 'reference' RETURNING value",
                     SCHEMA).sql == ("UPDATE portal_counters SET value = GREATEST(value + 1, %s) "
                                     "WHERE name = 'reference' RETURNING value")
    assert "MAX(id)" in translate("DELETE FROM journal WHERE id <= (SELECT MAX(id) FROM journal) - ?", SCHEMA).sql


def test_utc_timestamps_from_strftime_are_postgresqls_to_char_with_an_interval():
    sql = translate("DELETE FROM v WHERE updated_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)", SCHEMA).sql
    assert sql == ("DELETE FROM v WHERE updated_at < to_char((now() + CAST(%s AS interval)) at time zone 'utc', "
                   "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')")


def test_an_insert_into_a_table_that_generates_its_id_returns_it_as_lastrowid():
    statement = translate("INSERT INTO notifications (channel, recipient) VALUES (?, ?)", SCHEMA)
    assert statement.returns_id and statement.sql.endswith(" RETURNING id")
    assert statement.copy == "COPY notifications (channel, recipient) FROM STDIN"
    assert not translate("INSERT INTO merchants (id) VALUES (?)", SCHEMA).returns_id


def test_the_unit_of_works_statements_and_sqlites_pragmas():
    assert translate("BEGIN IMMEDIATE", SCHEMA).control == "begin"
    assert translate("COMMIT", SCHEMA).control == "commit" and translate("ROLLBACK", SCHEMA).control == "rollback"
    assert translate("PRAGMA data_version", SCHEMA).sql == "SELECT value FROM cache_version WHERE id = 1"
    assert "information_schema.columns" in translate("PRAGMA table_info(payments)", SCHEMA).sql
    with pytest.raises(ValueError, match="no PostgreSQL form"):
        translate("PRAGMA wal_checkpoint(TRUNCATE)", SCHEMA)


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql://ana:s3cr3t@db:5432/pasarela", "postgresql://ana:***@db:5432/pasarela"),
    ("postgresql://ana@db/pasarela", "postgresql://ana@db/pasarela"),
    ("pasarela.sqlite3", "pasarela.sqlite3"),
])
def test_a_url_is_shown_without_its_password(url, shown):
    assert redacted(url) == shown
