-- Full-text search (src/Enclave.Server/Search). Everything here is named search_* and lives only in SQL:
-- the schema test excludes that prefix from its comparison with the EF model.
--
-- search_documents maps a stable integer rowid to the indexed row (FTS5 needs integer rowids, and the
-- implicit rowids of posts/comments may change on VACUUM, so they cannot be used directly).
-- search_fts holds posts and comments, matched as whole stemmed words: Porter stemming on top of
-- unicode61 with diacritics removed handles English and the common French plurals ("réunions" ->
-- "reunion"). search_names_fts holds sphere names and people, matched by prefix, without stemming
-- (a stemmed prefix such as "meeti" would not be a prefix of the stemmed word "meet").
-- Triggers keep both in step with posts, comments, spheres and users, including cascaded deletes.

CREATE TABLE "search_documents" (
    "Rowid" INTEGER NOT NULL PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "DocumentId" TEXT NOT NULL
);

CREATE UNIQUE INDEX "search_documents_kind_document" ON "search_documents" ("Kind", "DocumentId");

CREATE VIRTUAL TABLE "search_fts" USING fts5(body, tokenize = 'porter unicode61 remove_diacritics 2');

CREATE VIRTUAL TABLE "search_names_fts" USING fts5(name, tokenize = 'unicode61 remove_diacritics 2');

-- Posts
CREATE TRIGGER "search_posts_insert" AFTER INSERT ON "posts" BEGIN
    INSERT INTO "search_documents" ("Kind", "DocumentId") VALUES ('post', new."Id");
    INSERT INTO "search_fts" (rowid, body)
        VALUES ((SELECT "Rowid" FROM "search_documents" WHERE "Kind" = 'post' AND "DocumentId" = new."Id"), new."Body");
END;

CREATE TRIGGER "search_posts_update" AFTER UPDATE OF "Body" ON "posts" BEGIN
    UPDATE "search_fts" SET body = new."Body"
        WHERE rowid = (SELECT "Rowid" FROM "search_documents" WHERE "Kind" = 'post' AND "DocumentId" = new."Id");
END;

CREATE TRIGGER "search_posts_delete" AFTER DELETE ON "posts" BEGIN
    DELETE FROM "search_fts" WHERE rowid = (SELECT "Rowid" FROM "search_documents" WHERE "Kind" = 'post' AND "DocumentId" = old."Id");
    DELETE FROM "search_documents" WHERE "Kind" = 'post' AND "DocumentId" = old."Id";
END;

-- Comments
CREATE TRIGGER "search_comments_insert" AFTER INSERT ON "comments" BEGIN
    INSERT INTO "search_documents" ("Kind", "DocumentId") VALUES ('comment', new."Id");
    INSERT INTO "search_fts" (rowid, body)
        VALUES ((SELECT "Rowid" FROM "search_documents" WHERE "Kind" = 'comment' AND "DocumentId" = new."Id"), new."Body");
END;

CREATE TRIGGER "search_comments_update" AFTER UPDATE OF "Body" ON "comments" BEGIN
    UPDATE "search_fts" SET body = new."Body"
        WHERE rowid = (SELECT "Rowid" FROM "search_documents" WHERE "Kind" = 'comment' AND "DocumentId" = new."Id");
END;

CREATE TRIGGER "search_comments_delete" AFTER DELETE ON "comments" BEGIN
    DELETE FROM "search_fts" WHERE rowid = (SELECT "Rowid" FROM "search_documents" WHERE "Kind" = 'comment' AND "DocumentId" = old."Id");
    DELETE FROM "search_documents" WHERE "Kind" = 'comment' AND "DocumentId" = old."Id";
END;

-- Spheres (by name)
CREATE TRIGGER "search_spheres_insert" AFTER INSERT ON "spheres" BEGIN
    INSERT INTO "search_documents" ("Kind", "DocumentId") VALUES ('sphere', new."Id");
    INSERT INTO "search_names_fts" (rowid, name)
        VALUES ((SELECT "Rowid" FROM "search_documents" WHERE "Kind" = 'sphere' AND "DocumentId" = new."Id"), new."Name");
END;

CREATE TRIGGER "search_spheres_update" AFTER UPDATE OF "Name" ON "spheres" BEGIN
    UPDATE "search_names_fts" SET name = new."Name"
        WHERE rowid = (SELECT "Rowid" FROM "search_documents" WHERE "Kind" = 'sphere' AND "DocumentId" = new."Id");
END;

CREATE TRIGGER "search_spheres_delete" AFTER DELETE ON "spheres" BEGIN
    DELETE FROM "search_names_fts" WHERE rowid = (SELECT "Rowid" FROM "search_documents" WHERE "Kind" = 'sphere' AND "DocumentId" = old."Id");
    DELETE FROM "search_documents" WHERE "Kind" = 'sphere' AND "DocumentId" = old."Id";
END;

-- People (by first name, last name and user name)
CREATE TRIGGER "search_users_insert" AFTER INSERT ON "users" BEGIN
    INSERT INTO "search_documents" ("Kind", "DocumentId") VALUES ('person', new."Id");
    INSERT INTO "search_names_fts" (rowid, name)
        VALUES ((SELECT "Rowid" FROM "search_documents" WHERE "Kind" = 'person' AND "DocumentId" = new."Id"),
                new."FirstName" || ' ' || new."LastName" || ' ' || new."UserName");
END;

CREATE TRIGGER "search_users_update" AFTER UPDATE OF "FirstName", "LastName", "UserName" ON "users" BEGIN
    UPDATE "search_names_fts" SET name = new."FirstName" || ' ' || new."LastName" || ' ' || new."UserName"
        WHERE rowid = (SELECT "Rowid" FROM "search_documents" WHERE "Kind" = 'person' AND "DocumentId" = new."Id");
END;

CREATE TRIGGER "search_users_delete" AFTER DELETE ON "users" BEGIN
    DELETE FROM "search_names_fts" WHERE rowid = (SELECT "Rowid" FROM "search_documents" WHERE "Kind" = 'person' AND "DocumentId" = old."Id");
    DELETE FROM "search_documents" WHERE "Kind" = 'person' AND "DocumentId" = old."Id";
END;

-- Index what already exists.
INSERT INTO "search_documents" ("Kind", "DocumentId") SELECT 'post', "Id" FROM "posts";
INSERT INTO "search_documents" ("Kind", "DocumentId") SELECT 'comment', "Id" FROM "comments";
INSERT INTO "search_documents" ("Kind", "DocumentId") SELECT 'sphere', "Id" FROM "spheres";
INSERT INTO "search_documents" ("Kind", "DocumentId") SELECT 'person', "Id" FROM "users";
INSERT INTO "search_fts" (rowid, body)
    SELECT d."Rowid", p."Body" FROM "search_documents" d JOIN "posts" p ON d."Kind" = 'post' AND p."Id" = d."DocumentId";
INSERT INTO "search_fts" (rowid, body)
    SELECT d."Rowid", c."Body" FROM "search_documents" d JOIN "comments" c ON d."Kind" = 'comment' AND c."Id" = d."DocumentId";
INSERT INTO "search_names_fts" (rowid, name)
    SELECT d."Rowid", s."Name" FROM "search_documents" d JOIN "spheres" s ON d."Kind" = 'sphere' AND s."Id" = d."DocumentId";
INSERT INTO "search_names_fts" (rowid, name)
    SELECT d."Rowid", u."FirstName" || ' ' || u."LastName" || ' ' || u."UserName"
    FROM "search_documents" d JOIN "users" u ON d."Kind" = 'person' AND u."Id" = d."DocumentId";
