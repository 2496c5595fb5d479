-- The audit trail: append-only. Triggers refuse every UPDATE, and every DELETE of an entry
-- younger than the retention period (365 days), so neither the application nor a stray SQL
-- statement can rewrite history; only the retention job removes entries past that age.
-- ("At" is stored as 'yyyy-MM-dd HH:mm:ss.fffffff', which compares as text with strftime's form.)

CREATE TABLE "audit_entries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_audit_entries" PRIMARY KEY,
    "At" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "ActorId" TEXT NULL,
    "SubjectUserId" TEXT NULL,
    "OrganizationId" TEXT NULL,
    "SphereId" TEXT NULL,
    "TargetType" TEXT NULL,
    "TargetId" TEXT NULL,
    "Ip" TEXT NOT NULL,
    "Detail" TEXT NULL
);

CREATE INDEX "IX_audit_entries_ActorId_Id" ON "audit_entries" ("ActorId", "Id");

CREATE INDEX "IX_audit_entries_OrganizationId_Id" ON "audit_entries" ("OrganizationId", "Id");

CREATE INDEX "IX_audit_entries_SubjectUserId_Id" ON "audit_entries" ("SubjectUserId", "Id");

CREATE TRIGGER "audit_entries_no_update" BEFORE UPDATE ON "audit_entries"
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END;

CREATE TRIGGER "audit_entries_no_delete" BEFORE DELETE ON "audit_entries"
    WHEN old."At" > strftime('%Y-%m-%d %H:%M:%f', 'now', '-365 days')
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END;
