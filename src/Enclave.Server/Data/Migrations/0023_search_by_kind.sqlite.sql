-- PostgreSQL gets a full-text index per kind of content (0023_search_by_kind.postgres.sql). SQLite's
-- FTS5 tables hand over every match of a query in one pass, which the per-kind index would not
-- change, so there is nothing to do here; the file keeps both engines' migration lists alike.
SELECT 1;
