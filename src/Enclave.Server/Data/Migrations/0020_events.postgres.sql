-- Events and calendar (events, RSVPs with the waiting list, personal calendar feed tokens) and video meetings (a sphere's room; an event's room is a column of events).

CREATE TABLE events (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "CreatedById" uuid,
    "Type" character varying(32) NOT NULL,
    "Title" character varying(200) NOT NULL,
    "Description" character varying(10000),
    "StartUtc" timestamp with time zone NOT NULL,
    "EndUtc" timestamp with time zone NOT NULL,
    "TimeZone" character varying(64) NOT NULL,
    "Place" character varying(300),
    "OnlineUrl" character varying(2000),
    "Capacity" integer,
    "Status" character varying(32) NOT NULL,
    "Sequence" integer NOT NULL,
    "RemindMinutesBefore" integer,
    "ReminderDueAt" timestamp with time zone,
    "ReminderSentAt" timestamp with time zone,
    "MeetingRoom" character varying(64),
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_events" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_events_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES spheres ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_events_users_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES users ("Id") ON DELETE SET NULL
);

CREATE INDEX "IX_events_CreatedById" ON events ("CreatedById");

CREATE INDEX "IX_events_ReminderSentAt_ReminderDueAt" ON events ("ReminderSentAt", "ReminderDueAt");

CREATE INDEX "IX_events_SphereId_StartUtc" ON events ("SphereId", "StartUtc");

CREATE TABLE event_rsvps (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "EventId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Status" character varying(32) NOT NULL,
    "WaitPosition" bigint,
    "RespondedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_event_rsvps" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_event_rsvps_events_EventId" FOREIGN KEY ("EventId") REFERENCES events ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_event_rsvps_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_event_rsvps_EventId_Status_WaitPosition" ON event_rsvps ("EventId", "Status", "WaitPosition");

CREATE UNIQUE INDEX "IX_event_rsvps_EventId_UserId" ON event_rsvps ("EventId", "UserId");

CREATE INDEX "IX_event_rsvps_UserId" ON event_rsvps ("UserId");

CREATE TABLE calendar_feed_tokens (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "TokenHash" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "LastUsedAt" timestamp with time zone,
    CONSTRAINT "PK_calendar_feed_tokens" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_calendar_feed_tokens_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_calendar_feed_tokens_TokenHash" ON calendar_feed_tokens ("TokenHash");

CREATE UNIQUE INDEX "IX_calendar_feed_tokens_UserId" ON calendar_feed_tokens ("UserId");

CREATE TABLE sphere_meetings (
    "SphereId" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "Room" character varying(64) NOT NULL,
    "CreatedById" uuid,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_sphere_meetings" PRIMARY KEY ("SphereId"),
    CONSTRAINT "FK_sphere_meetings_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES spheres ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_sphere_meetings_users_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES users ("Id") ON DELETE SET NULL
);

CREATE INDEX "IX_sphere_meetings_CreatedById" ON sphere_meetings ("CreatedById");
