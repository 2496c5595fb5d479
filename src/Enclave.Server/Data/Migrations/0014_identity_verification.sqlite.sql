-- Verified identity: who verified a person (an organization manager on behalf of their
-- organization, or a platform administrator) and when; and spheres restricted to verified members.
-- SQLite needs a default to add a NOT NULL column; it only fills existing rows (EF always writes the value).

ALTER TABLE "users" ADD COLUMN "IdentityVerifiedAt" TEXT NULL;
ALTER TABLE "users" ADD COLUMN "IdentityVerifiedById" TEXT NULL;
ALTER TABLE "users" ADD COLUMN "IdentityVerifiedByOrganizationId" TEXT NULL;

ALTER TABLE "spheres" ADD COLUMN "VerifiedOnly" INTEGER NOT NULL DEFAULT 0;
