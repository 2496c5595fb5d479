-- Search starts from the viewer's spheres (src/Enclave.Server/Search/SearchService.cs): every post
-- and comment document carries its sphere. On SQLite, FTS5 hands over every match of a query and
-- the accessible ones are kept in one pass; the column and index keep both engines' schemas alike
-- and let a search narrowed to one sphere be read from that sphere's documents.
ALTER TABLE "search_documents" ADD COLUMN "SphereId" TEXT NULL;

UPDATE "search_documents" SET "SphereId" = (SELECT p."SphereId" FROM "posts" AS p WHERE p."Id" = "search_documents"."DocumentId")
WHERE "Kind" = 'post';
UPDATE "search_documents" SET "SphereId" = (SELECT c."SphereId" FROM "comments" AS c WHERE c."Id" = "search_documents"."DocumentId")
WHERE "Kind" = 'comment';

CREATE INDEX "search_documents_sphere_kind_document" ON "search_documents" ("SphereId", "Kind", "DocumentId") WHERE "SphereId" IS NOT NULL;

DROP TRIGGER "search_posts_insert";
CREATE TRIGGER "search_posts_insert" AFTER INSERT ON "posts" BEGIN
    INSERT INTO "search_documents" ("Kind", "DocumentId", "SphereId") VALUES ('post', new."Id", new."SphereId");
    INSERT INTO "search_fts" (rowid, body)
        VALUES ((SELECT "Rowid" FROM "search_documents" WHERE "Kind" = 'post' AND "DocumentId" = new."Id"), new."Body");
END;

DROP TRIGGER "search_comments_insert";
CREATE TRIGGER "search_comments_insert" AFTER INSERT ON "comments" BEGIN
    INSERT INTO "search_documents" ("Kind", "DocumentId", "SphereId") VALUES ('comment', new."Id", new."SphereId");
    INSERT INTO "search_fts" (rowid, body)
        VALUES ((SELECT "Rowid" FROM "search_documents" WHERE "Kind" = 'comment' AND "DocumentId" = new."Id"), new."Body");
END;
