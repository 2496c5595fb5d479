-- Moderation (reports, actions, mutes, bans; HiddenAt on posts and comments) and the analytics daily rollup with its watermarks.

ALTER TABLE posts ADD COLUMN "HiddenAt" TEXT NULL;

ALTER TABLE comments ADD COLUMN "HiddenAt" TEXT NULL;

CREATE TABLE "moderation_actions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_moderation_actions" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NULL,
    "ModeratorId" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "TargetType" TEXT NULL,
    "TargetId" TEXT NULL,
    "TargetUserId" TEXT NULL,
    "ReportId" TEXT NULL,
    "Message" TEXT NULL,
    "Until" TEXT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE TABLE "rollup_watermarks" (
    "Source" TEXT NOT NULL CONSTRAINT "PK_rollup_watermarks" PRIMARY KEY,
    "LastKey" TEXT NOT NULL
);

CREATE TABLE "organization_bans" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_organization_bans" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "BannedAt" TEXT NOT NULL,
    CONSTRAINT "FK_organization_bans_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "organizations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "activity_days" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_activity_days" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "Day" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Posts" INTEGER NOT NULL,
    "Comments" INTEGER NOT NULL,
    "Reactions" INTEGER NOT NULL,
    CONSTRAINT "FK_activity_days_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES "spheres" ("Id") ON DELETE CASCADE
);

CREATE TABLE "moderation_reports" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_moderation_reports" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "TargetType" TEXT NOT NULL,
    "TargetId" TEXT NOT NULL,
    "TargetUserId" TEXT NOT NULL,
    "PostId" TEXT NULL,
    "ReporterId" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "Text" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Outcome" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "HandledAt" TEXT NULL,
    "OpenKey" TEXT NULL,
    CONSTRAINT "FK_moderation_reports_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES "spheres" ("Id") ON DELETE CASCADE
);

CREATE TABLE "sphere_mutes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_sphere_mutes" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Until" TEXT NOT NULL,
    CONSTRAINT "FK_sphere_mutes_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES "spheres" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_activity_days_OrganizationId_Day" ON "activity_days" ("OrganizationId", "Day");

CREATE UNIQUE INDEX "IX_activity_days_SphereId_Day_UserId" ON "activity_days" ("SphereId", "Day", "UserId");

CREATE INDEX "IX_activity_days_UserId" ON "activity_days" ("UserId");

CREATE INDEX "IX_moderation_actions_ModeratorId" ON "moderation_actions" ("ModeratorId");

CREATE INDEX "IX_moderation_actions_OrganizationId_Id" ON "moderation_actions" ("OrganizationId", "Id");

CREATE INDEX "IX_moderation_actions_SphereId_Id" ON "moderation_actions" ("SphereId", "Id");

CREATE INDEX "IX_moderation_actions_TargetUserId" ON "moderation_actions" ("TargetUserId");

CREATE INDEX "IX_moderation_reports_OrganizationId_Status_Id" ON "moderation_reports" ("OrganizationId", "Status", "Id");

CREATE UNIQUE INDEX "IX_moderation_reports_ReporterId_OpenKey" ON "moderation_reports" ("ReporterId", "OpenKey");

CREATE INDEX "IX_moderation_reports_SphereId_Status_Id" ON "moderation_reports" ("SphereId", "Status", "Id");

CREATE INDEX "IX_moderation_reports_TargetId_Status" ON "moderation_reports" ("TargetId", "Status");

CREATE INDEX "IX_moderation_reports_TargetUserId" ON "moderation_reports" ("TargetUserId");

CREATE UNIQUE INDEX "IX_organization_bans_OrganizationId_UserId" ON "organization_bans" ("OrganizationId", "UserId");

CREATE INDEX "IX_organization_bans_UserId" ON "organization_bans" ("UserId");

CREATE INDEX "IX_posts_FeedKey" ON "posts" ("FeedKey");

CREATE UNIQUE INDEX "IX_sphere_mutes_SphereId_UserId" ON "sphere_mutes" ("SphereId", "UserId");

CREATE INDEX "IX_sphere_mutes_UserId" ON "sphere_mutes" ("UserId");
