-- Moderation (reports, actions, mutes, bans; HiddenAt on posts and comments) and the analytics daily rollup with its watermarks.

ALTER TABLE posts ADD COLUMN "HiddenAt" timestamp with time zone;

ALTER TABLE comments ADD COLUMN "HiddenAt" timestamp with time zone;

CREATE TABLE moderation_actions (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid,
    "ModeratorId" uuid,
    "Kind" character varying(32) NOT NULL,
    "TargetType" character varying(32),
    "TargetId" uuid,
    "TargetUserId" uuid,
    "ReportId" uuid,
    "Message" character varying(1000),
    "Until" timestamp with time zone,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_moderation_actions" PRIMARY KEY ("Id")
);

CREATE TABLE rollup_watermarks (
    "Source" character varying(32) NOT NULL,
    "LastKey" uuid NOT NULL,
    CONSTRAINT "PK_rollup_watermarks" PRIMARY KEY ("Source")
);

CREATE TABLE organization_bans (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "BannedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_organization_bans" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_organization_bans_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES organizations ("Id") ON DELETE CASCADE
);

CREATE TABLE activity_days (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "Day" timestamp with time zone NOT NULL,
    "UserId" uuid NOT NULL,
    "Posts" integer NOT NULL,
    "Comments" integer NOT NULL,
    "Reactions" integer NOT NULL,
    CONSTRAINT "PK_activity_days" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_activity_days_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES spheres ("Id") ON DELETE CASCADE
);

CREATE TABLE moderation_reports (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "TargetType" character varying(32) NOT NULL,
    "TargetId" uuid NOT NULL,
    "TargetUserId" uuid NOT NULL,
    "PostId" uuid,
    "ReporterId" uuid NOT NULL,
    "Category" character varying(32) NOT NULL,
    "Text" character varying(1000),
    "Status" character varying(32) NOT NULL,
    "Outcome" character varying(32),
    "CreatedAt" timestamp with time zone NOT NULL,
    "HandledAt" timestamp with time zone,
    "OpenKey" uuid,
    CONSTRAINT "PK_moderation_reports" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_moderation_reports_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES spheres ("Id") ON DELETE CASCADE
);

CREATE TABLE sphere_mutes (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Until" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_sphere_mutes" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_sphere_mutes_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES spheres ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_activity_days_OrganizationId_Day" ON activity_days ("OrganizationId", "Day");

CREATE UNIQUE INDEX "IX_activity_days_SphereId_Day_UserId" ON activity_days ("SphereId", "Day", "UserId");

CREATE INDEX "IX_activity_days_UserId" ON activity_days ("UserId");

CREATE INDEX "IX_moderation_actions_ModeratorId" ON moderation_actions ("ModeratorId");

CREATE INDEX "IX_moderation_actions_OrganizationId_Id" ON moderation_actions ("OrganizationId", "Id");

CREATE INDEX "IX_moderation_actions_SphereId_Id" ON moderation_actions ("SphereId", "Id");

CREATE INDEX "IX_moderation_actions_TargetUserId" ON moderation_actions ("TargetUserId");

CREATE INDEX "IX_moderation_reports_OrganizationId_Status_Id" ON moderation_reports ("OrganizationId", "Status", "Id");

CREATE UNIQUE INDEX "IX_moderation_reports_ReporterId_OpenKey" ON moderation_reports ("ReporterId", "OpenKey");

CREATE INDEX "IX_moderation_reports_SphereId_Status_Id" ON moderation_reports ("SphereId", "Status", "Id");

CREATE INDEX "IX_moderation_reports_TargetId_Status" ON moderation_reports ("TargetId", "Status");

CREATE INDEX "IX_moderation_reports_TargetUserId" ON moderation_reports ("TargetUserId");

CREATE UNIQUE INDEX "IX_organization_bans_OrganizationId_UserId" ON organization_bans ("OrganizationId", "UserId");

CREATE INDEX "IX_organization_bans_UserId" ON organization_bans ("UserId");

CREATE INDEX "IX_posts_FeedKey" ON posts ("FeedKey");

CREATE UNIQUE INDEX "IX_sphere_mutes_SphereId_UserId" ON sphere_mutes ("SphereId", "UserId");

CREATE INDEX "IX_sphere_mutes_UserId" ON sphere_mutes ("UserId");
