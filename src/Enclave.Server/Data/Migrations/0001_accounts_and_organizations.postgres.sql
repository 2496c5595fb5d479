-- Accounts, organizations and federations. Drafted with `schema script --provider postgres`; hand-edited and frozen once released.

CREATE TABLE organizations (
    "Id" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Description" character varying(2000) NOT NULL,
    "IsPersonal" boolean NOT NULL,
    "Plan" character varying(32) NOT NULL,
    "ParentId" uuid,
    "RootId" uuid NOT NULL,
    "HiddenInTree" boolean NOT NULL,
    "MembersCanCreateSpheres" boolean NOT NULL,
    "ExternalPortal" boolean NOT NULL,
    "Charter" character varying(20000),
    "CharterVersion" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_organizations" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_organizations_organizations_ParentId" FOREIGN KEY ("ParentId") REFERENCES organizations ("Id") ON DELETE RESTRICT
);

CREATE TABLE users (
    "Id" uuid NOT NULL,
    "UserName" character varying(32) NOT NULL,
    "NormalizedUserName" character varying(32) NOT NULL,
    "FirstName" character varying(100) NOT NULL,
    "LastName" character varying(100) NOT NULL,
    "Email" character varying(254) NOT NULL,
    "NormalizedEmail" character varying(254) NOT NULL,
    "PasswordHash" character varying(200) NOT NULL,
    "Bio" character varying(2000) NOT NULL,
    "Status" character varying(120) NOT NULL,
    "AvatarKey" character varying(200),
    "AvatarContentType" character varying(50),
    "IsPlatformAdmin" boolean NOT NULL,
    "PersonalOrganizationId" uuid NOT NULL,
    "Language" character varying(8) NOT NULL,
    "FailedLogins" integer NOT NULL,
    "LockedUntil" timestamp with time zone,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_users" PRIMARY KEY ("Id")
);

CREATE TABLE access_tokens (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "TokenHash" character varying(64) NOT NULL,
    "Prefix" character varying(16) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone,
    "LastUsedAt" timestamp with time zone,
    CONSTRAINT "PK_access_tokens" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_access_tokens_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE federation_requests (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "ParentId" uuid NOT NULL,
    "RequestedById" uuid NOT NULL,
    "Status" character varying(32) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "DecidedAt" timestamp with time zone,
    "DecidedById" uuid,
    CONSTRAINT "PK_federation_requests" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_federation_requests_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES organizations ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_federation_requests_organizations_ParentId" FOREIGN KEY ("ParentId") REFERENCES organizations ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_federation_requests_users_RequestedById" FOREIGN KEY ("RequestedById") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE organization_members (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Role" character varying(32) NOT NULL,
    "JoinedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_organization_members" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_organization_members_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES organizations ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_organization_members_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE sessions (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "TokenHash" character varying(64) NOT NULL,
    "UserAgent" character varying(300) NOT NULL,
    "Ip" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "LastSeenAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_sessions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_sessions_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_access_tokens_TokenHash" ON access_tokens ("TokenHash");

CREATE INDEX "IX_access_tokens_UserId" ON access_tokens ("UserId");

CREATE INDEX "IX_federation_requests_OrganizationId_Status" ON federation_requests ("OrganizationId", "Status");

CREATE INDEX "IX_federation_requests_ParentId_Status" ON federation_requests ("ParentId", "Status");

CREATE INDEX "IX_federation_requests_RequestedById" ON federation_requests ("RequestedById");

CREATE UNIQUE INDEX "IX_organization_members_OrganizationId_UserId" ON organization_members ("OrganizationId", "UserId");

CREATE INDEX "IX_organization_members_UserId" ON organization_members ("UserId");

CREATE INDEX "IX_organizations_ParentId" ON organizations ("ParentId");

CREATE INDEX "IX_organizations_RootId" ON organizations ("RootId");

CREATE UNIQUE INDEX "IX_sessions_TokenHash" ON sessions ("TokenHash");

CREATE INDEX "IX_sessions_UserId" ON sessions ("UserId");

CREATE UNIQUE INDEX "IX_users_NormalizedEmail" ON users ("NormalizedEmail");

CREATE UNIQUE INDEX "IX_users_NormalizedUserName" ON users ("NormalizedUserName");
