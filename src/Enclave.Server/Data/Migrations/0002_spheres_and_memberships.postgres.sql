-- Spheres, groups, per-sphere profiles, invitations, join requests and charters. Drafted with `schema script --provider postgres`; hand-edited and frozen once released.

CREATE TABLE invitations (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid,
    "InvitedById" uuid NOT NULL,
    "InviteeUserId" uuid,
    "InviteeEmail" character varying(254),
    "Role" character varying(32) NOT NULL,
    "Message" character varying(1000) NOT NULL,
    "TokenHash" character varying(64) NOT NULL,
    "Status" character varying(32) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "DecidedAt" timestamp with time zone,
    "AcceptedById" uuid,
    CONSTRAINT "PK_invitations" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_invitations_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES organizations ("Id") ON DELETE CASCADE
);

CREATE TABLE spheres (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Description" character varying(2000) NOT NULL,
    "Type" character varying(32) NOT NULL,
    "ListedInPortal" boolean NOT NULL,
    "MembersCanInvite" boolean NOT NULL,
    "Charter" character varying(20000),
    "CharterVersion" integer NOT NULL,
    "CreatedById" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_spheres" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_spheres_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES organizations ("Id") ON DELETE CASCADE
);

CREATE TABLE charter_acceptances (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid,
    "UserId" uuid NOT NULL,
    "Version" integer NOT NULL,
    "AcceptedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_charter_acceptances" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_charter_acceptances_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES organizations ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_charter_acceptances_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE join_requests (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid,
    "UserId" uuid NOT NULL,
    "Message" character varying(1000) NOT NULL,
    "Status" character varying(32) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "DecidedAt" timestamp with time zone,
    "DecidedById" uuid,
    CONSTRAINT "PK_join_requests" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_join_requests_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES organizations ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_join_requests_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE sphere_groups (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Handle" character varying(40) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_sphere_groups" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_sphere_groups_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES spheres ("Id") ON DELETE CASCADE
);

CREATE TABLE sphere_members (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Role" character varying(32) NOT NULL,
    "JoinedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_sphere_members" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_sphere_members_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES spheres ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_sphere_members_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE sphere_profiles (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Bio" character varying(2000),
    "AvatarKey" character varying(200),
    "AvatarContentType" character varying(50),
    CONSTRAINT "PK_sphere_profiles" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_sphere_profiles_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES spheres ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_sphere_profiles_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE sphere_group_members (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "GroupId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    CONSTRAINT "PK_sphere_group_members" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_sphere_group_members_sphere_groups_GroupId" FOREIGN KEY ("GroupId") REFERENCES sphere_groups ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_sphere_group_members_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_charter_acceptances_OrganizationId" ON charter_acceptances ("OrganizationId");

CREATE UNIQUE INDEX "IX_charter_acceptances_UserId_OrganizationId_SphereId_Version" ON charter_acceptances ("UserId", "OrganizationId", "SphereId", "Version");

CREATE INDEX "IX_invitations_InviteeUserId_Status" ON invitations ("InviteeUserId", "Status");

CREATE INDEX "IX_invitations_OrganizationId_SphereId_Status" ON invitations ("OrganizationId", "SphereId", "Status");

CREATE UNIQUE INDEX "IX_invitations_TokenHash" ON invitations ("TokenHash");

CREATE INDEX "IX_join_requests_OrganizationId_SphereId_Status" ON join_requests ("OrganizationId", "SphereId", "Status");

CREATE INDEX "IX_join_requests_UserId_Status" ON join_requests ("UserId", "Status");

CREATE UNIQUE INDEX "IX_sphere_group_members_GroupId_UserId" ON sphere_group_members ("GroupId", "UserId");

CREATE INDEX "IX_sphere_group_members_SphereId_UserId" ON sphere_group_members ("SphereId", "UserId");

CREATE INDEX "IX_sphere_group_members_UserId" ON sphere_group_members ("UserId");

CREATE UNIQUE INDEX "IX_sphere_groups_SphereId_Handle" ON sphere_groups ("SphereId", "Handle");

CREATE UNIQUE INDEX "IX_sphere_members_SphereId_UserId" ON sphere_members ("SphereId", "UserId");

CREATE INDEX "IX_sphere_members_UserId_OrganizationId" ON sphere_members ("UserId", "OrganizationId");

CREATE UNIQUE INDEX "IX_sphere_profiles_SphereId_UserId" ON sphere_profiles ("SphereId", "UserId");

CREATE INDEX "IX_sphere_profiles_UserId" ON sphere_profiles ("UserId");

CREATE INDEX "IX_spheres_OrganizationId_Type" ON spheres ("OrganizationId", "Type");
