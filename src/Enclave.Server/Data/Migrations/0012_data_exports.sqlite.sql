-- Data exports: the export worker's queue and the archives' metadata. The unique ActiveKey (set
-- while a job is queued or running) makes asking twice find the same job.

CREATE TABLE "data_exports" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_data_exports" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "OrganizationId" TEXT NULL,
    "ActiveKey" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Percent" INTEGER NOT NULL,
    "Step" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "StartedAt" TEXT NULL,
    "LeaseUntil" TEXT NULL,
    "CompletedAt" TEXT NULL,
    "ExpiresAt" TEXT NULL,
    "BlobOrganizationId" TEXT NOT NULL,
    "BlobKey" TEXT NULL,
    "Size" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "Error" TEXT NULL,
    CONSTRAINT "FK_data_exports_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "organizations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_data_exports_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_data_exports_ActiveKey" ON "data_exports" ("ActiveKey");

CREATE INDEX "IX_data_exports_OrganizationId_Id" ON "data_exports" ("OrganizationId", "Id");

CREATE INDEX "IX_data_exports_Status_CreatedAt" ON "data_exports" ("Status", "CreatedAt");

CREATE INDEX "IX_data_exports_UserId_Id" ON "data_exports" ("UserId", "Id");

