-- Live events (replay window) and notifications. Drafted with `schema script --provider postgres`; hand-edited and frozen once released.

CREATE TABLE live_events (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid,
    "SphereId" uuid,
    "UserId" uuid,
    "Audience" character varying(10000),
    "StaffOnly" boolean NOT NULL,
    "Type" character varying(40) NOT NULL,
    "Data" character varying(20000) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_live_events" PRIMARY KEY ("Id")
);

CREATE TABLE notifications (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "OrganizationId" uuid,
    "SphereId" uuid,
    "PostId" uuid,
    "CommentId" uuid,
    "SubjectId" uuid,
    "Kind" character varying(32) NOT NULL,
    "ActorId" uuid,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ReadAt" timestamp with time zone,
    CONSTRAINT "PK_notifications" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_notifications_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE notification_settings (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Level" character varying(32) NOT NULL,
    CONSTRAINT "PK_notification_settings" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_notification_settings_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES spheres ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_notification_settings_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_live_events_CreatedAt" ON live_events ("CreatedAt");

CREATE INDEX "IX_notification_settings_SphereId_Level" ON notification_settings ("SphereId", "Level");

CREATE UNIQUE INDEX "IX_notification_settings_SphereId_UserId" ON notification_settings ("SphereId", "UserId");

CREATE INDEX "IX_notification_settings_UserId" ON notification_settings ("UserId");

CREATE INDEX "IX_notifications_PostId" ON notifications ("PostId");

CREATE INDEX "IX_notifications_UserId_Id" ON notifications ("UserId", "Id");

CREATE INDEX "IX_notifications_UserId_ReadAt" ON notifications ("UserId", "ReadAt");
