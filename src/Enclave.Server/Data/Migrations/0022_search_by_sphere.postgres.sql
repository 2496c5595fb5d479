-- Search starts from the viewer's spheres (src/Enclave.Server/Search/SearchService.cs): every post
-- and comment document carries its sphere, and the (sphere, kind, document) index reads one sphere's
-- matches newest first (document ids are UUIDv7, so their order is the order of creation). A
-- common word's matches are then read from the newest down and the reading stops when the ranked
-- window is full, instead of ranking every match on the platform. Sphere and person documents have
-- no sphere (NULL).
-- A database that ran the short-lived 0022_search_recent_first (main for a few hours, never
-- released) has an index on "DocumentId" alone that nothing reads any more.
DROP INDEX IF EXISTS search_documents_document;

ALTER TABLE search_documents ADD COLUMN "SphereId" uuid NULL;

UPDATE search_documents AS d SET "SphereId" = p."SphereId" FROM posts AS p WHERE d."Kind" = 'post' AND p."Id" = d."DocumentId";
UPDATE search_documents AS d SET "SphereId" = c."SphereId" FROM comments AS c WHERE d."Kind" = 'comment' AND c."Id" = d."DocumentId";

CREATE INDEX search_documents_sphere_kind_document ON search_documents ("SphereId", "Kind", "DocumentId") WHERE "SphereId" IS NOT NULL;

CREATE OR REPLACE FUNCTION search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    kind text;
    body text;
    vector tsvector;
    sphere uuid;
BEGIN
    kind := CASE TG_TABLE_NAME WHEN 'posts' THEN 'post' WHEN 'comments' THEN 'comment' WHEN 'spheres' THEN 'sphere' ELSE 'person' END;
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_documents WHERE "Kind" = kind AND "DocumentId" = OLD."Id";
        RETURN OLD;
    END IF;
    IF kind IN ('post', 'comment') THEN
        body := NEW."Body";
        vector := search_content_vector(body);
        sphere := NEW."SphereId";
    ELSIF kind = 'sphere' THEN
        body := NEW."Name";
        vector := search_name_vector(body);
    ELSE
        body := NEW."FirstName" || ' ' || NEW."LastName" || ' ' || NEW."UserName";
        vector := search_name_vector(body);
    END IF;
    INSERT INTO search_documents ("Kind", "DocumentId", "SphereId", "Body", "Vector") VALUES (kind, NEW."Id", sphere, body, vector)
    ON CONFLICT ("Kind", "DocumentId") DO UPDATE SET "Body" = EXCLUDED."Body", "Vector" = EXCLUDED."Vector";
    RETURN NEW;
END
$$;

-- Names (spheres and people) have an index of their own: a prefix query such as 'proj':* on the
-- shared index also collected every post and comment with a word starting so, only to drop them.
CREATE INDEX search_documents_names_vector ON search_documents USING gin ("Vector") WHERE "Kind" IN ('sphere', 'person');
