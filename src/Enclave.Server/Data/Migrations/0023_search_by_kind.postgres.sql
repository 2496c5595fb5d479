-- A full-text index per kind of content (src/Enclave.Server/Search/NewestContent.cs): a search
-- looks for one kind's matches at a time, and with one index for posts and comments together a
-- search of comments visited every matching post's row only to drop it (59,544 of the 78,840
-- matches of two common words on the 100,000-member world). Names keep their own index (0022).
-- On 5,000,000 documents the two indexes take a few minutes to build, once.
CREATE INDEX search_documents_post_vector ON search_documents USING gin ("Vector") WHERE "Kind" = 'post';
CREATE INDEX search_documents_comment_vector ON search_documents USING gin ("Vector") WHERE "Kind" = 'comment';
DROP INDEX search_documents_vector;
