-- Chat (issue #6): direct and group conversations, one channel per sphere, messages with replies,
-- reactions, attachments and read markers, and blocks between people.
CREATE TABLE "chat_conversations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_chat_conversations" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "OrganizationId" TEXT NULL,
    "SphereId" TEXT NULL,
    "DirectKey" TEXT NULL,
    "Title" TEXT NULL,
    "CreatedById" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "LastMessageId" TEXT NOT NULL,
    CONSTRAINT "FK_chat_conversations_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES "spheres" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_chat_conversations_users_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES "users" ("Id") ON DELETE SET NULL
);

CREATE TABLE "chat_participants" (
    "ConversationId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "JoinedAt" TEXT NOT NULL,
    "ReadUpToId" TEXT NULL,
    "Notified" INTEGER NOT NULL,
    CONSTRAINT "PK_chat_participants" PRIMARY KEY ("ConversationId", "UserId"),
    CONSTRAINT "FK_chat_participants_chat_conversations_ConversationId" FOREIGN KEY ("ConversationId") REFERENCES "chat_conversations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_chat_participants_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "chat_messages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_chat_messages" PRIMARY KEY,
    "ConversationId" TEXT NOT NULL,
    "OrganizationId" TEXT NULL,
    "SphereId" TEXT NULL,
    "AuthorId" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "ReplyToId" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "EditedAt" TEXT NULL,
    "DeletedAt" TEXT NULL,
    CONSTRAINT "FK_chat_messages_chat_conversations_ConversationId" FOREIGN KEY ("ConversationId") REFERENCES "chat_conversations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_chat_messages_users_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "chat_reactions" (
    "MessageId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_chat_reactions" PRIMARY KEY ("MessageId", "UserId", "Kind"),
    CONSTRAINT "FK_chat_reactions_chat_messages_MessageId" FOREIGN KEY ("MessageId") REFERENCES "chat_messages" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_chat_reactions_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "chat_attachments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_chat_attachments" PRIMARY KEY,
    "ConversationId" TEXT NOT NULL,
    "MessageId" TEXT NULL,
    "OrganizationId" TEXT NOT NULL,
    "UploaderId" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "BlobKey" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_chat_attachments_chat_conversations_ConversationId" FOREIGN KEY ("ConversationId") REFERENCES "chat_conversations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_chat_attachments_chat_messages_MessageId" FOREIGN KEY ("MessageId") REFERENCES "chat_messages" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_chat_attachments_users_UploaderId" FOREIGN KEY ("UploaderId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "chat_blocks" (
    "BlockerId" TEXT NOT NULL,
    "BlockedId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_chat_blocks" PRIMARY KEY ("BlockerId", "BlockedId"),
    CONSTRAINT "FK_chat_blocks_users_BlockedId" FOREIGN KEY ("BlockedId") REFERENCES "users" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_chat_blocks_users_BlockerId" FOREIGN KEY ("BlockerId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_chat_attachments_ConversationId" ON "chat_attachments" ("ConversationId");

CREATE INDEX "IX_chat_attachments_MessageId" ON "chat_attachments" ("MessageId");

CREATE INDEX "IX_chat_attachments_UploaderId" ON "chat_attachments" ("UploaderId");

CREATE INDEX "IX_chat_blocks_BlockedId" ON "chat_blocks" ("BlockedId");

CREATE INDEX "IX_chat_conversations_CreatedById" ON "chat_conversations" ("CreatedById");

CREATE UNIQUE INDEX "IX_chat_conversations_DirectKey" ON "chat_conversations" ("DirectKey");

CREATE UNIQUE INDEX "IX_chat_conversations_SphereId" ON "chat_conversations" ("SphereId");

CREATE INDEX "IX_chat_messages_AuthorId" ON "chat_messages" ("AuthorId");

CREATE INDEX "IX_chat_messages_ConversationId_Id" ON "chat_messages" ("ConversationId", "Id");

CREATE INDEX "IX_chat_participants_UserId" ON "chat_participants" ("UserId");

CREATE INDEX "IX_chat_reactions_UserId" ON "chat_reactions" ("UserId");
