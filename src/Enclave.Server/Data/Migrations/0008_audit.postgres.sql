-- The audit trail: append-only. Triggers refuse every UPDATE, and every DELETE of an entry
-- younger than the retention period (365 days), so neither the application nor a stray SQL
-- statement can rewrite history; only the retention job removes entries past that age.

CREATE TABLE audit_entries (
    "Id" uuid NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "Action" character varying(64) NOT NULL,
    "ActorId" uuid,
    "SubjectUserId" uuid,
    "OrganizationId" uuid,
    "SphereId" uuid,
    "TargetType" character varying(32),
    "TargetId" uuid,
    "Ip" character varying(64) NOT NULL,
    "Detail" character varying(500),
    CONSTRAINT "PK_audit_entries" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_audit_entries_ActorId_Id" ON audit_entries ("ActorId", "Id");

CREATE INDEX "IX_audit_entries_OrganizationId_Id" ON audit_entries ("OrganizationId", "Id");

CREATE INDEX "IX_audit_entries_SubjectUserId_Id" ON audit_entries ("SubjectUserId", "Id");

CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' OR OLD."At" > now() - interval '365 days' THEN
        RAISE EXCEPTION 'audit entries are append-only' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END;
$$;

CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
