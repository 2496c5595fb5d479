-- The access generation (src/Enclave.Server/Access/ReadableSphereCache.cs): one number that every
-- committed change to what decides a person's readable spheres moves on. A server may keep a person's
-- readable spheres in memory while the number it read before reading them is still the number; any
-- other value reads them again. Triggers, not application code, move it, so that no write path can
-- forget to: memberships, charter acceptances, spheres and organizations (created, deleted, or
-- changed in a column the rule or the feed's labels read) and a person's identity verification.
--
-- The triggers are deferred to the commit and move the number once per transaction (a flag local to
-- the transaction): the row lock is taken last, held for the commit only, so membership changes do
-- not wait on each other for long and cannot deadlock on it, and a transaction that deletes a whole
-- organization's memberships updates the row once, not once per member.
CREATE TABLE access_generation (
    "Id" integer NOT NULL,
    "Value" bigint NOT NULL,
    CONSTRAINT "PK_access_generation" PRIMARY KEY ("Id")
);
INSERT INTO access_generation ("Id", "Value") VALUES (1, 0);

CREATE FUNCTION access_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('enclave.access_moved', true) IS DISTINCT FROM '1' THEN
        PERFORM set_config('enclave.access_moved', '1', true);
        UPDATE access_generation SET "Value" = "Value" + 1 WHERE "Id" = 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER access_sphere_members AFTER INSERT OR UPDATE OR DELETE ON sphere_members DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION access_generation_bump();
CREATE CONSTRAINT TRIGGER access_organization_members AFTER INSERT OR UPDATE OR DELETE ON organization_members DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION access_generation_bump();
CREATE CONSTRAINT TRIGGER access_charter_acceptances AFTER INSERT OR UPDATE OR DELETE ON charter_acceptances DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION access_generation_bump();
CREATE CONSTRAINT TRIGGER access_spheres AFTER INSERT OR DELETE ON spheres DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION access_generation_bump();
CREATE CONSTRAINT TRIGGER access_spheres_update AFTER UPDATE ON spheres DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN ((OLD."Name", OLD."OrganizationId", OLD."Type", OLD."VerifiedOnly", OLD."Charter", OLD."CharterVersion") IS DISTINCT FROM (NEW."Name", NEW."OrganizationId", NEW."Type", NEW."VerifiedOnly", NEW."Charter", NEW."CharterVersion")) EXECUTE FUNCTION access_generation_bump();
CREATE CONSTRAINT TRIGGER access_organizations AFTER INSERT OR DELETE ON organizations DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION access_generation_bump();
CREATE CONSTRAINT TRIGGER access_organizations_update AFTER UPDATE ON organizations DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN ((OLD."Name", OLD."IsPersonal", OLD."Charter", OLD."CharterVersion") IS DISTINCT FROM (NEW."Name", NEW."IsPersonal", NEW."Charter", NEW."CharterVersion")) EXECUTE FUNCTION access_generation_bump();
CREATE CONSTRAINT TRIGGER access_users AFTER DELETE ON users DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION access_generation_bump();
CREATE CONSTRAINT TRIGGER access_users_update AFTER UPDATE ON users DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD."IdentityVerifiedAt" IS DISTINCT FROM NEW."IdentityVerifiedAt") EXECUTE FUNCTION access_generation_bump();
CREATE TRIGGER access_sphere_members_truncate AFTER TRUNCATE ON sphere_members FOR EACH STATEMENT EXECUTE FUNCTION access_generation_bump();
CREATE TRIGGER access_organization_members_truncate AFTER TRUNCATE ON organization_members FOR EACH STATEMENT EXECUTE FUNCTION access_generation_bump();
CREATE TRIGGER access_charter_acceptances_truncate AFTER TRUNCATE ON charter_acceptances FOR EACH STATEMENT EXECUTE FUNCTION access_generation_bump();
CREATE TRIGGER access_spheres_truncate AFTER TRUNCATE ON spheres FOR EACH STATEMENT EXECUTE FUNCTION access_generation_bump();
CREATE TRIGGER access_organizations_truncate AFTER TRUNCATE ON organizations FOR EACH STATEMENT EXECUTE FUNCTION access_generation_bump();
CREATE TRIGGER access_users_truncate AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION access_generation_bump();
