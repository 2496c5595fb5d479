-- Spheres, groups, per-sphere profiles, invitations, join requests and charters. Drafted with `schema script --provider sqlite`; hand-edited and frozen once released.

CREATE TABLE "invitations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_invitations" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NULL,
    "InvitedById" TEXT NOT NULL,
    "InviteeUserId" TEXT NULL,
    "InviteeEmail" TEXT NULL,
    "Role" TEXT NOT NULL,
    "Message" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "DecidedAt" TEXT NULL,
    "AcceptedById" TEXT NULL,
    CONSTRAINT "FK_invitations_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "organizations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "spheres" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_spheres" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "ListedInPortal" INTEGER NOT NULL,
    "MembersCanInvite" INTEGER NOT NULL,
    "Charter" TEXT NULL,
    "CharterVersion" INTEGER NOT NULL,
    "CreatedById" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_spheres_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "organizations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "charter_acceptances" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_charter_acceptances" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NULL,
    "UserId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "AcceptedAt" TEXT NOT NULL,
    CONSTRAINT "FK_charter_acceptances_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "organizations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_charter_acceptances_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "join_requests" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_join_requests" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NULL,
    "UserId" TEXT NOT NULL,
    "Message" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "DecidedAt" TEXT NULL,
    "DecidedById" TEXT NULL,
    CONSTRAINT "FK_join_requests_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "organizations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_join_requests_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "sphere_groups" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_sphere_groups" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Handle" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_sphere_groups_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES "spheres" ("Id") ON DELETE CASCADE
);

CREATE TABLE "sphere_members" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_sphere_members" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "JoinedAt" TEXT NOT NULL,
    CONSTRAINT "FK_sphere_members_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES "spheres" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_sphere_members_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "sphere_profiles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_sphere_profiles" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Bio" TEXT NULL,
    "AvatarKey" TEXT NULL,
    "AvatarContentType" TEXT NULL,
    CONSTRAINT "FK_sphere_profiles_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES "spheres" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_sphere_profiles_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "sphere_group_members" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_sphere_group_members" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "GroupId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "FK_sphere_group_members_sphere_groups_GroupId" FOREIGN KEY ("GroupId") REFERENCES "sphere_groups" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_sphere_group_members_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_charter_acceptances_OrganizationId" ON "charter_acceptances" ("OrganizationId");

CREATE UNIQUE INDEX "IX_charter_acceptances_UserId_OrganizationId_SphereId_Version" ON "charter_acceptances" ("UserId", "OrganizationId", "SphereId", "Version");

CREATE INDEX "IX_invitations_InviteeUserId_Status" ON "invitations" ("InviteeUserId", "Status");

CREATE INDEX "IX_invitations_OrganizationId_SphereId_Status" ON "invitations" ("OrganizationId", "SphereId", "Status");

CREATE UNIQUE INDEX "IX_invitations_TokenHash" ON "invitations" ("TokenHash");

CREATE INDEX "IX_join_requests_OrganizationId_SphereId_Status" ON "join_requests" ("OrganizationId", "SphereId", "Status");

CREATE INDEX "IX_join_requests_UserId_Status" ON "join_requests" ("UserId", "Status");

CREATE UNIQUE INDEX "IX_sphere_group_members_GroupId_UserId" ON "sphere_group_members" ("GroupId", "UserId");

CREATE INDEX "IX_sphere_group_members_SphereId_UserId" ON "sphere_group_members" ("SphereId", "UserId");

CREATE INDEX "IX_sphere_group_members_UserId" ON "sphere_group_members" ("UserId");

CREATE UNIQUE INDEX "IX_sphere_groups_SphereId_Handle" ON "sphere_groups" ("SphereId", "Handle");

CREATE UNIQUE INDEX "IX_sphere_members_SphereId_UserId" ON "sphere_members" ("SphereId", "UserId");

CREATE INDEX "IX_sphere_members_UserId_OrganizationId" ON "sphere_members" ("UserId", "OrganizationId");

CREATE UNIQUE INDEX "IX_sphere_profiles_SphereId_UserId" ON "sphere_profiles" ("SphereId", "UserId");

CREATE INDEX "IX_sphere_profiles_UserId" ON "sphere_profiles" ("UserId");

CREATE INDEX "IX_spheres_OrganizationId_Type" ON "spheres" ("OrganizationId", "Type");
