-- Verified identity: who verified a person (an organization manager on behalf of their
-- organization, or a platform administrator) and when; and spheres restricted to verified members.
-- The temporary default fills existing rows; the model has none, so it is dropped again.

ALTER TABLE users ADD COLUMN "IdentityVerifiedAt" timestamp with time zone;
ALTER TABLE users ADD COLUMN "IdentityVerifiedById" uuid;
ALTER TABLE users ADD COLUMN "IdentityVerifiedByOrganizationId" uuid;

ALTER TABLE spheres ADD COLUMN "VerifiedOnly" boolean NOT NULL DEFAULT false;
ALTER TABLE spheres ALTER COLUMN "VerifiedOnly" DROP DEFAULT;
