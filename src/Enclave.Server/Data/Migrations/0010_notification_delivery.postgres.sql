-- Notification delivery: per-kind channel preferences (account, organization, sphere), email delivery rules (zone, window, digest, daily maximum), extra confirmed addresses chosen per organization, and the email queue. Drafted with `schema script --provider postgres`.

CREATE TABLE delivery_settings (
    "UserId" uuid NOT NULL,
    "TimeZone" character varying(64) NOT NULL,
    "WindowDays" integer NOT NULL,
    "WindowStartHour" integer NOT NULL,
    "WindowEndHour" integer NOT NULL,
    "Digest" character varying(32) NOT NULL,
    "DailyMax" integer,
    "NextDigestAt" timestamp with time zone,
    "LastDigestAt" timestamp with time zone,
    "CountDay" character varying(10),
    "SentToday" integer NOT NULL,
    CONSTRAINT "PK_delivery_settings" PRIMARY KEY ("UserId"),
    CONSTRAINT "FK_delivery_settings_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE email_addresses (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Address" character varying(254) NOT NULL,
    "NormalizedAddress" character varying(254) NOT NULL,
    "TokenHash" character varying(64),
    "CreatedAt" timestamp with time zone NOT NULL,
    "ConfirmedAt" timestamp with time zone,
    CONSTRAINT "PK_email_addresses" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_email_addresses_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE notification_preferences (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Scope" character varying(32) NOT NULL,
    "ScopeId" uuid NOT NULL,
    "OrganizationId" uuid,
    "Kind" character varying(32) NOT NULL,
    "InApp" boolean,
    "Email" boolean,
    CONSTRAINT "PK_notification_preferences" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_notification_preferences_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE queued_emails (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "NotificationId" uuid,
    "OrganizationId" uuid,
    "SphereId" uuid,
    "PostId" uuid,
    "CommentId" uuid,
    "SubjectId" uuid,
    "ActorId" uuid,
    "CreatedAt" timestamp with time zone NOT NULL,
    "DueAt" timestamp with time zone NOT NULL,
    "Status" character varying(32) NOT NULL,
    "SentAt" timestamp with time zone,
    CONSTRAINT "PK_queued_emails" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_queued_emails_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE organization_email_choices (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "EmailAddressId" uuid NOT NULL,
    CONSTRAINT "PK_organization_email_choices" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_organization_email_choices_email_addresses_EmailAddressId" FOREIGN KEY ("EmailAddressId") REFERENCES email_addresses ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_organization_email_choices_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES organizations ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_organization_email_choices_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_delivery_settings_NextDigestAt" ON delivery_settings ("NextDigestAt");

CREATE UNIQUE INDEX "IX_email_addresses_TokenHash" ON email_addresses ("TokenHash");

CREATE UNIQUE INDEX "IX_email_addresses_UserId_NormalizedAddress" ON email_addresses ("UserId", "NormalizedAddress");

CREATE UNIQUE INDEX "IX_notification_preferences_UserId_ScopeId_Kind" ON notification_preferences ("UserId", "ScopeId", "Kind");

CREATE INDEX "IX_organization_email_choices_EmailAddressId" ON organization_email_choices ("EmailAddressId");

CREATE INDEX "IX_organization_email_choices_OrganizationId" ON organization_email_choices ("OrganizationId");

CREATE UNIQUE INDEX "IX_organization_email_choices_UserId_OrganizationId" ON organization_email_choices ("UserId", "OrganizationId");

CREATE INDEX "IX_queued_emails_Status_DueAt" ON queued_emails ("Status", "DueAt");

CREATE INDEX "IX_queued_emails_UserId_Status" ON queued_emails ("UserId", "Status");
