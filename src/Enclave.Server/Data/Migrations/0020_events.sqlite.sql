-- Events and calendar (events, RSVPs with the waiting list, personal calendar feed tokens) and video meetings (a sphere's room; an event's room is a column of events).

CREATE TABLE "events" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_events" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "CreatedById" TEXT NULL,
    "Type" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NULL,
    "StartUtc" TEXT NOT NULL,
    "EndUtc" TEXT NOT NULL,
    "TimeZone" TEXT NOT NULL,
    "Place" TEXT NULL,
    "OnlineUrl" TEXT NULL,
    "Capacity" INTEGER NULL,
    "Status" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "RemindMinutesBefore" INTEGER NULL,
    "ReminderDueAt" TEXT NULL,
    "ReminderSentAt" TEXT NULL,
    "MeetingRoom" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_events_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES "spheres" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_events_users_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES "users" ("Id") ON DELETE SET NULL
);

CREATE INDEX "IX_events_CreatedById" ON "events" ("CreatedById");

CREATE INDEX "IX_events_ReminderSentAt_ReminderDueAt" ON "events" ("ReminderSentAt", "ReminderDueAt");

CREATE INDEX "IX_events_SphereId_StartUtc" ON "events" ("SphereId", "StartUtc");

CREATE TABLE "event_rsvps" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_event_rsvps" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "EventId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "WaitPosition" INTEGER NULL,
    "RespondedAt" TEXT NOT NULL,
    CONSTRAINT "FK_event_rsvps_events_EventId" FOREIGN KEY ("EventId") REFERENCES "events" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_event_rsvps_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_event_rsvps_EventId_Status_WaitPosition" ON "event_rsvps" ("EventId", "Status", "WaitPosition");

CREATE UNIQUE INDEX "IX_event_rsvps_EventId_UserId" ON "event_rsvps" ("EventId", "UserId");

CREATE INDEX "IX_event_rsvps_UserId" ON "event_rsvps" ("UserId");

CREATE TABLE "calendar_feed_tokens" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_calendar_feed_tokens" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "LastUsedAt" TEXT NULL,
    CONSTRAINT "FK_calendar_feed_tokens_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_calendar_feed_tokens_TokenHash" ON "calendar_feed_tokens" ("TokenHash");

CREATE UNIQUE INDEX "IX_calendar_feed_tokens_UserId" ON "calendar_feed_tokens" ("UserId");

CREATE TABLE "sphere_meetings" (
    "SphereId" TEXT NOT NULL CONSTRAINT "PK_sphere_meetings" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "Room" TEXT NOT NULL,
    "CreatedById" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_sphere_meetings_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES "spheres" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_sphere_meetings_users_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES "users" ("Id") ON DELETE SET NULL
);

CREATE INDEX "IX_sphere_meetings_CreatedById" ON "sphere_meetings" ("CreatedById");
