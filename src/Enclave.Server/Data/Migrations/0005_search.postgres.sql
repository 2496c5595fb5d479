-- Full-text search (src/Enclave.Server/Search). Everything here is named search_* and lives only in SQL:
-- the schema test excludes that prefix from its comparison with the EF model.
--
-- Accent-insensitive text search configurations: the unaccent dictionary in front of the French and
-- English stemmers (content, matched as whole stemmed words in both languages) and of the simple
-- dictionary (names, matched by prefix). Because the accents are removed by the configuration, and
-- not from the text, ts_headline highlights the original, accented text.
-- unaccent ships with PostgreSQL's contrib and is a trusted extension (a database owner may create
-- it). Where it is missing, search still works, only accent-sensitively.
DO $$
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS unaccent;
    EXCEPTION WHEN OTHERS THEN
        RAISE WARNING 'Extension unaccent unavailable (%): full-text search will be accent-sensitive.', SQLERRM;
    END;
    CREATE TEXT SEARCH CONFIGURATION search_french (COPY = pg_catalog.french);
    CREATE TEXT SEARCH CONFIGURATION search_english (COPY = pg_catalog.english);
    CREATE TEXT SEARCH CONFIGURATION search_simple (COPY = pg_catalog.simple);
    IF EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'unaccent') THEN
        ALTER TEXT SEARCH CONFIGURATION search_french ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        ALTER TEXT SEARCH CONFIGURATION search_english ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
        ALTER TEXT SEARCH CONFIGURATION search_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    END IF;
END
$$;

-- One row per searchable thing: posts and comments (Kind post/comment, "Body" = the Markdown source),
-- spheres (Kind sphere, "Body" = the name) and people (Kind person, "Body" = first, last and user name).
CREATE TABLE search_documents (
    "Kind" text NOT NULL,
    "DocumentId" uuid NOT NULL,
    "Body" text NOT NULL,
    "Vector" tsvector NOT NULL,
    CONSTRAINT search_documents_pkey PRIMARY KEY ("Kind", "DocumentId")
);

CREATE INDEX search_documents_vector ON search_documents USING gin ("Vector");

CREATE FUNCTION search_content_vector(body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('search_french', body) || to_tsvector('search_english', body)
$$;

CREATE FUNCTION search_name_vector(name text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('search_simple', name)
$$;

CREATE FUNCTION search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    kind text;
    body text;
    vector tsvector;
BEGIN
    kind := CASE TG_TABLE_NAME WHEN 'posts' THEN 'post' WHEN 'comments' THEN 'comment' WHEN 'spheres' THEN 'sphere' ELSE 'person' END;
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_documents WHERE "Kind" = kind AND "DocumentId" = OLD."Id";
        RETURN OLD;
    END IF;
    IF kind IN ('post', 'comment') THEN
        body := NEW."Body";
        vector := search_content_vector(body);
    ELSIF kind = 'sphere' THEN
        body := NEW."Name";
        vector := search_name_vector(body);
    ELSE
        body := NEW."FirstName" || ' ' || NEW."LastName" || ' ' || NEW."UserName";
        vector := search_name_vector(body);
    END IF;
    INSERT INTO search_documents ("Kind", "DocumentId", "Body", "Vector") VALUES (kind, NEW."Id", body, vector)
    ON CONFLICT ("Kind", "DocumentId") DO UPDATE SET "Body" = EXCLUDED."Body", "Vector" = EXCLUDED."Vector";
    RETURN NEW;
END
$$;

CREATE TRIGGER search_posts AFTER INSERT OR DELETE OR UPDATE OF "Body" ON posts FOR EACH ROW EXECUTE FUNCTION search_sync();
CREATE TRIGGER search_comments AFTER INSERT OR DELETE OR UPDATE OF "Body" ON comments FOR EACH ROW EXECUTE FUNCTION search_sync();
CREATE TRIGGER search_spheres AFTER INSERT OR DELETE OR UPDATE OF "Name" ON spheres FOR EACH ROW EXECUTE FUNCTION search_sync();
CREATE TRIGGER search_users AFTER INSERT OR DELETE OR UPDATE OF "FirstName", "LastName", "UserName" ON users FOR EACH ROW EXECUTE FUNCTION search_sync();

-- Index what already exists.
INSERT INTO search_documents SELECT 'post', "Id", "Body", search_content_vector("Body") FROM posts;
INSERT INTO search_documents SELECT 'comment', "Id", "Body", search_content_vector("Body") FROM comments;
INSERT INTO search_documents SELECT 'sphere', "Id", "Name", search_name_vector("Name") FROM spheres;
INSERT INTO search_documents
    SELECT 'person', "Id", "FirstName" || ' ' || "LastName" || ' ' || "UserName", search_name_vector("FirstName" || ' ' || "LastName" || ' ' || "UserName") FROM users;
