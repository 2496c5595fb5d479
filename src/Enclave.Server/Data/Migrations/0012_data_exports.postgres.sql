-- Data exports: the export worker's queue and the archives' metadata. The unique ActiveKey (set
-- while a job is queued or running) makes asking twice find the same job.

CREATE TABLE data_exports (
    "Id" uuid NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "UserId" uuid NOT NULL,
    "OrganizationId" uuid,
    "ActiveKey" character varying(64),
    "Status" character varying(32) NOT NULL,
    "Percent" integer NOT NULL,
    "Step" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "StartedAt" timestamp with time zone,
    "LeaseUntil" timestamp with time zone,
    "CompletedAt" timestamp with time zone,
    "ExpiresAt" timestamp with time zone,
    "BlobOrganizationId" uuid NOT NULL,
    "BlobKey" character varying(64),
    "Size" bigint NOT NULL,
    "Attempts" integer NOT NULL,
    "Error" character varying(500),
    CONSTRAINT "PK_data_exports" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_data_exports_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES organizations ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_data_exports_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_data_exports_ActiveKey" ON data_exports ("ActiveKey");

CREATE INDEX "IX_data_exports_OrganizationId_Id" ON data_exports ("OrganizationId", "Id");

CREATE INDEX "IX_data_exports_Status_CreatedAt" ON data_exports ("Status", "CreatedAt");

CREATE INDEX "IX_data_exports_UserId_Id" ON data_exports ("UserId", "Id");

