-- 0016: the document box (issue #6): folders, files, their numbered versions, and contents stored once per
-- organization by SHA-256 (document_contents, unique per organization, outliving versions until swept).

CREATE TABLE "document_contents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_document_contents" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "BlobKey" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE TABLE "document_folders" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_document_folders" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "ParentId" TEXT NULL,
    "Name" TEXT NOT NULL,
    "CreatedById" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_document_folders_document_folders_ParentId" FOREIGN KEY ("ParentId") REFERENCES "document_folders" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_document_folders_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES "spheres" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_document_folders_users_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES "users" ("Id") ON DELETE SET NULL
);

CREATE TABLE "document_files" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_document_files" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "FolderId" TEXT NULL,
    "Name" TEXT NOT NULL,
    "UploaderId" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "Size" INTEGER NOT NULL,
    "ContentType" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "TrashedAt" TEXT NULL,
    "TrashedById" TEXT NULL,
    "LockedById" TEXT NULL,
    "LockedUntil" TEXT NULL,
    CONSTRAINT "FK_document_files_document_folders_FolderId" FOREIGN KEY ("FolderId") REFERENCES "document_folders" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_document_files_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES "spheres" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_document_files_users_LockedById" FOREIGN KEY ("LockedById") REFERENCES "users" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_document_files_users_TrashedById" FOREIGN KEY ("TrashedById") REFERENCES "users" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_document_files_users_UploaderId" FOREIGN KEY ("UploaderId") REFERENCES "users" ("Id") ON DELETE SET NULL
);

CREATE TABLE "document_versions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_document_versions" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "FileId" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "ContentId" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "ContentType" TEXT NOT NULL,
    "UploaderId" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "RestoredFrom" INTEGER NULL,
    CONSTRAINT "FK_document_versions_document_contents_ContentId" FOREIGN KEY ("ContentId") REFERENCES "document_contents" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_document_versions_document_files_FileId" FOREIGN KEY ("FileId") REFERENCES "document_files" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_document_versions_users_UploaderId" FOREIGN KEY ("UploaderId") REFERENCES "users" ("Id") ON DELETE SET NULL
);

CREATE UNIQUE INDEX "IX_document_contents_OrganizationId_Hash" ON "document_contents" ("OrganizationId", "Hash");

CREATE INDEX "IX_document_files_FolderId" ON "document_files" ("FolderId");

CREATE INDEX "IX_document_files_LockedById" ON "document_files" ("LockedById");

CREATE INDEX "IX_document_files_SphereId_FolderId_TrashedAt" ON "document_files" ("SphereId", "FolderId", "TrashedAt");

CREATE INDEX "IX_document_files_SphereId_TrashedAt" ON "document_files" ("SphereId", "TrashedAt");

CREATE INDEX "IX_document_files_TrashedById" ON "document_files" ("TrashedById");

CREATE INDEX "IX_document_files_UploaderId" ON "document_files" ("UploaderId");

CREATE INDEX "IX_document_folders_CreatedById" ON "document_folders" ("CreatedById");

CREATE INDEX "IX_document_folders_ParentId" ON "document_folders" ("ParentId");

CREATE INDEX "IX_document_folders_SphereId_ParentId" ON "document_folders" ("SphereId", "ParentId");

CREATE INDEX "IX_document_versions_ContentId" ON "document_versions" ("ContentId");

CREATE UNIQUE INDEX "IX_document_versions_FileId_Number" ON "document_versions" ("FileId", "Number");

CREATE INDEX "IX_document_versions_UploaderId" ON "document_versions" ("UploaderId");
