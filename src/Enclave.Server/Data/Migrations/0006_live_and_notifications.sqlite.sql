-- Live events (replay window) and notifications. Drafted with `schema script --provider sqlite`; hand-edited and frozen once released.

CREATE TABLE "live_events" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_live_events" PRIMARY KEY,
    "OrganizationId" TEXT NULL,
    "SphereId" TEXT NULL,
    "UserId" TEXT NULL,
    "Audience" TEXT NULL,
    "StaffOnly" INTEGER NOT NULL,
    "Type" TEXT NOT NULL,
    "Data" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE TABLE "notifications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_notifications" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "OrganizationId" TEXT NULL,
    "SphereId" TEXT NULL,
    "PostId" TEXT NULL,
    "CommentId" TEXT NULL,
    "SubjectId" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "ActorId" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ReadAt" TEXT NULL,
    CONSTRAINT "FK_notifications_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "notification_settings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_notification_settings" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Level" TEXT NOT NULL,
    CONSTRAINT "FK_notification_settings_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES "spheres" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_notification_settings_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_live_events_CreatedAt" ON "live_events" ("CreatedAt");

CREATE INDEX "IX_notification_settings_SphereId_Level" ON "notification_settings" ("SphereId", "Level");

CREATE UNIQUE INDEX "IX_notification_settings_SphereId_UserId" ON "notification_settings" ("SphereId", "UserId");

CREATE INDEX "IX_notification_settings_UserId" ON "notification_settings" ("UserId");

CREATE INDEX "IX_notifications_PostId" ON "notifications" ("PostId");

CREATE INDEX "IX_notifications_UserId_Id" ON "notifications" ("UserId", "Id");

CREATE INDEX "IX_notifications_UserId_ReadAt" ON "notifications" ("UserId", "ReadAt");
