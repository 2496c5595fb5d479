-- The access generation: see 0024_access_generation.postgres.sql. SQLite runs one writer at a time
-- and updates the row in place, so a plain row trigger moves it (a transaction that changes many
-- rows moves it many times, which only matters in that it changes).
CREATE TABLE "access_generation" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_access_generation" PRIMARY KEY,
    "Value" INTEGER NOT NULL
);
INSERT INTO "access_generation" ("Id", "Value") VALUES (1, 0);

CREATE TRIGGER "access_sphere_members_insert" AFTER INSERT ON "sphere_members" BEGIN UPDATE "access_generation" SET "Value" = "Value" + 1 WHERE "Id" = 1; END;
CREATE TRIGGER "access_sphere_members_update" AFTER UPDATE ON "sphere_members" BEGIN UPDATE "access_generation" SET "Value" = "Value" + 1 WHERE "Id" = 1; END;
CREATE TRIGGER "access_sphere_members_delete" AFTER DELETE ON "sphere_members" BEGIN UPDATE "access_generation" SET "Value" = "Value" + 1 WHERE "Id" = 1; END;
CREATE TRIGGER "access_organization_members_insert" AFTER INSERT ON "organization_members" BEGIN UPDATE "access_generation" SET "Value" = "Value" + 1 WHERE "Id" = 1; END;
CREATE TRIGGER "access_organization_members_update" AFTER UPDATE ON "organization_members" BEGIN UPDATE "access_generation" SET "Value" = "Value" + 1 WHERE "Id" = 1; END;
CREATE TRIGGER "access_organization_members_delete" AFTER DELETE ON "organization_members" BEGIN UPDATE "access_generation" SET "Value" = "Value" + 1 WHERE "Id" = 1; END;
CREATE TRIGGER "access_charter_acceptances_insert" AFTER INSERT ON "charter_acceptances" BEGIN UPDATE "access_generation" SET "Value" = "Value" + 1 WHERE "Id" = 1; END;
CREATE TRIGGER "access_charter_acceptances_update" AFTER UPDATE ON "charter_acceptances" BEGIN UPDATE "access_generation" SET "Value" = "Value" + 1 WHERE "Id" = 1; END;
CREATE TRIGGER "access_charter_acceptances_delete" AFTER DELETE ON "charter_acceptances" BEGIN UPDATE "access_generation" SET "Value" = "Value" + 1 WHERE "Id" = 1; END;
CREATE TRIGGER "access_spheres_insert" AFTER INSERT ON "spheres" BEGIN UPDATE "access_generation" SET "Value" = "Value" + 1 WHERE "Id" = 1; END;
CREATE TRIGGER "access_spheres_delete" AFTER DELETE ON "spheres" BEGIN UPDATE "access_generation" SET "Value" = "Value" + 1 WHERE "Id" = 1; END;
CREATE TRIGGER "access_spheres_update" AFTER UPDATE ON "spheres"
    WHEN OLD."Name" IS NOT NEW."Name" OR OLD."OrganizationId" IS NOT NEW."OrganizationId" OR OLD."Type" IS NOT NEW."Type" OR OLD."VerifiedOnly" IS NOT NEW."VerifiedOnly" OR OLD."Charter" IS NOT NEW."Charter" OR OLD."CharterVersion" IS NOT NEW."CharterVersion" BEGIN UPDATE "access_generation" SET "Value" = "Value" + 1 WHERE "Id" = 1; END;
CREATE TRIGGER "access_organizations_insert" AFTER INSERT ON "organizations" BEGIN UPDATE "access_generation" SET "Value" = "Value" + 1 WHERE "Id" = 1; END;
CREATE TRIGGER "access_organizations_delete" AFTER DELETE ON "organizations" BEGIN UPDATE "access_generation" SET "Value" = "Value" + 1 WHERE "Id" = 1; END;
CREATE TRIGGER "access_organizations_update" AFTER UPDATE ON "organizations"
    WHEN OLD."Name" IS NOT NEW."Name" OR OLD."IsPersonal" IS NOT NEW."IsPersonal" OR OLD."Charter" IS NOT NEW."Charter" OR OLD."CharterVersion" IS NOT NEW."CharterVersion" BEGIN UPDATE "access_generation" SET "Value" = "Value" + 1 WHERE "Id" = 1; END;
CREATE TRIGGER "access_users_delete" AFTER DELETE ON "users" BEGIN UPDATE "access_generation" SET "Value" = "Value" + 1 WHERE "Id" = 1; END;
CREATE TRIGGER "access_users_update" AFTER UPDATE ON "users"
    WHEN OLD."IdentityVerifiedAt" IS NOT NEW."IdentityVerifiedAt" BEGIN UPDATE "access_generation" SET "Value" = "Value" + 1 WHERE "Id" = 1; END;
