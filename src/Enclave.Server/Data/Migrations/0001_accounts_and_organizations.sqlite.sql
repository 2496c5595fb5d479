-- Accounts, organizations and federations. Drafted with `schema script --provider sqlite`; hand-edited and frozen once released.

CREATE TABLE "organizations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_organizations" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "IsPersonal" INTEGER NOT NULL,
    "Plan" TEXT NOT NULL,
    "ParentId" TEXT NULL,
    "RootId" TEXT NOT NULL,
    "HiddenInTree" INTEGER NOT NULL,
    "MembersCanCreateSpheres" INTEGER NOT NULL,
    "ExternalPortal" INTEGER NOT NULL,
    "Charter" TEXT NULL,
    "CharterVersion" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_organizations_organizations_ParentId" FOREIGN KEY ("ParentId") REFERENCES "organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "users" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_users" PRIMARY KEY,
    "UserName" TEXT NOT NULL,
    "NormalizedUserName" TEXT NOT NULL,
    "FirstName" TEXT NOT NULL,
    "LastName" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "NormalizedEmail" TEXT NOT NULL,
    "PasswordHash" TEXT NOT NULL,
    "Bio" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "AvatarKey" TEXT NULL,
    "AvatarContentType" TEXT NULL,
    "IsPlatformAdmin" INTEGER NOT NULL,
    "PersonalOrganizationId" TEXT NOT NULL,
    "Language" TEXT NOT NULL,
    "FailedLogins" INTEGER NOT NULL,
    "LockedUntil" TEXT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE TABLE "access_tokens" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_access_tokens" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NULL,
    "LastUsedAt" TEXT NULL,
    CONSTRAINT "FK_access_tokens_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "federation_requests" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_federation_requests" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "ParentId" TEXT NOT NULL,
    "RequestedById" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "DecidedAt" TEXT NULL,
    "DecidedById" TEXT NULL,
    CONSTRAINT "FK_federation_requests_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "organizations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_federation_requests_organizations_ParentId" FOREIGN KEY ("ParentId") REFERENCES "organizations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_federation_requests_users_RequestedById" FOREIGN KEY ("RequestedById") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "organization_members" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_organization_members" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "JoinedAt" TEXT NOT NULL,
    CONSTRAINT "FK_organization_members_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "organizations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_organization_members_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "sessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_sessions" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "UserAgent" TEXT NOT NULL,
    "Ip" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "LastSeenAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    CONSTRAINT "FK_sessions_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_access_tokens_TokenHash" ON "access_tokens" ("TokenHash");

CREATE INDEX "IX_access_tokens_UserId" ON "access_tokens" ("UserId");

CREATE INDEX "IX_federation_requests_OrganizationId_Status" ON "federation_requests" ("OrganizationId", "Status");

CREATE INDEX "IX_federation_requests_ParentId_Status" ON "federation_requests" ("ParentId", "Status");

CREATE INDEX "IX_federation_requests_RequestedById" ON "federation_requests" ("RequestedById");

CREATE UNIQUE INDEX "IX_organization_members_OrganizationId_UserId" ON "organization_members" ("OrganizationId", "UserId");

CREATE INDEX "IX_organization_members_UserId" ON "organization_members" ("UserId");

CREATE INDEX "IX_organizations_ParentId" ON "organizations" ("ParentId");

CREATE INDEX "IX_organizations_RootId" ON "organizations" ("RootId");

CREATE UNIQUE INDEX "IX_sessions_TokenHash" ON "sessions" ("TokenHash");

CREATE INDEX "IX_sessions_UserId" ON "sessions" ("UserId");

CREATE UNIQUE INDEX "IX_users_NormalizedEmail" ON "users" ("NormalizedEmail");

CREATE UNIQUE INDEX "IX_users_NormalizedUserName" ON "users" ("NormalizedUserName");
