-- Search reads the accessible matches newest first and ranks the most recent 1,000 of them
-- (src/Enclave.Server/Search/SearchService.cs). On SQLite, FTS5 hands over every match of the
-- query and the newest are sorted from those; no index is needed (the PostgreSQL side adds one).
SELECT 1;
