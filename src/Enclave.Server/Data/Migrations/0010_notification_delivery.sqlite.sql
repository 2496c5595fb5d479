-- Notification delivery: per-kind channel preferences (account, organization, sphere), email delivery rules (zone, window, digest, daily maximum), extra confirmed addresses chosen per organization, and the email queue. Drafted with `schema script --provider sqlite`.

CREATE TABLE "delivery_settings" (
    "UserId" TEXT NOT NULL CONSTRAINT "PK_delivery_settings" PRIMARY KEY,
    "TimeZone" TEXT NOT NULL,
    "WindowDays" INTEGER NOT NULL,
    "WindowStartHour" INTEGER NOT NULL,
    "WindowEndHour" INTEGER NOT NULL,
    "Digest" TEXT NOT NULL,
    "DailyMax" INTEGER NULL,
    "NextDigestAt" TEXT NULL,
    "LastDigestAt" TEXT NULL,
    "CountDay" TEXT NULL,
    "SentToday" INTEGER NOT NULL,
    CONSTRAINT "FK_delivery_settings_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "email_addresses" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_email_addresses" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Address" TEXT NOT NULL,
    "NormalizedAddress" TEXT NOT NULL,
    "TokenHash" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ConfirmedAt" TEXT NULL,
    CONSTRAINT "FK_email_addresses_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "notification_preferences" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_notification_preferences" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Scope" TEXT NOT NULL,
    "ScopeId" TEXT NOT NULL,
    "OrganizationId" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "InApp" INTEGER NULL,
    "Email" INTEGER NULL,
    CONSTRAINT "FK_notification_preferences_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "queued_emails" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_queued_emails" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "NotificationId" TEXT NULL,
    "OrganizationId" TEXT NULL,
    "SphereId" TEXT NULL,
    "PostId" TEXT NULL,
    "CommentId" TEXT NULL,
    "SubjectId" TEXT NULL,
    "ActorId" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "DueAt" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "SentAt" TEXT NULL,
    CONSTRAINT "FK_queued_emails_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "organization_email_choices" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_organization_email_choices" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "OrganizationId" TEXT NOT NULL,
    "EmailAddressId" TEXT NOT NULL,
    CONSTRAINT "FK_organization_email_choices_email_addresses_EmailAddressId" FOREIGN KEY ("EmailAddressId") REFERENCES "email_addresses" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_organization_email_choices_organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "organizations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_organization_email_choices_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_delivery_settings_NextDigestAt" ON "delivery_settings" ("NextDigestAt");

CREATE UNIQUE INDEX "IX_email_addresses_TokenHash" ON "email_addresses" ("TokenHash");

CREATE UNIQUE INDEX "IX_email_addresses_UserId_NormalizedAddress" ON "email_addresses" ("UserId", "NormalizedAddress");

CREATE UNIQUE INDEX "IX_notification_preferences_UserId_ScopeId_Kind" ON "notification_preferences" ("UserId", "ScopeId", "Kind");

CREATE INDEX "IX_organization_email_choices_EmailAddressId" ON "organization_email_choices" ("EmailAddressId");

CREATE INDEX "IX_organization_email_choices_OrganizationId" ON "organization_email_choices" ("OrganizationId");

CREATE UNIQUE INDEX "IX_organization_email_choices_UserId_OrganizationId" ON "organization_email_choices" ("UserId", "OrganizationId");

CREATE INDEX "IX_queued_emails_Status_DueAt" ON "queued_emails" ("Status", "DueAt");

CREATE INDEX "IX_queued_emails_UserId_Status" ON "queued_emails" ("UserId", "Status");
