-- Search reads the accessible matches newest first and ranks the most recent 1,000 of them
-- (src/Enclave.Server/Search/SearchService.cs): document ids are UUIDv7, so their order is the
-- order of creation, and this index lets a common word's matches be read from the newest down,
-- stopping as soon as the window is full instead of ranking every match.
CREATE INDEX search_documents_document ON search_documents ("DocumentId");
