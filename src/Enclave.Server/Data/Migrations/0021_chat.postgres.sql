-- Chat (issue #6): direct and group conversations, one channel per sphere, messages with replies,
-- reactions, attachments and read markers, and blocks between people.
CREATE TABLE chat_conversations (
    "Id" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "OrganizationId" uuid,
    "SphereId" uuid,
    "DirectKey" character varying(80),
    "Title" character varying(100),
    "CreatedById" uuid,
    "CreatedAt" timestamp with time zone NOT NULL,
    "LastMessageId" uuid NOT NULL,
    CONSTRAINT "PK_chat_conversations" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_chat_conversations_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES spheres ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_chat_conversations_users_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES users ("Id") ON DELETE SET NULL
);

CREATE TABLE chat_participants (
    "ConversationId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "JoinedAt" timestamp with time zone NOT NULL,
    "ReadUpToId" uuid,
    "Notified" boolean NOT NULL,
    CONSTRAINT "PK_chat_participants" PRIMARY KEY ("ConversationId", "UserId"),
    CONSTRAINT "FK_chat_participants_chat_conversations_ConversationId" FOREIGN KEY ("ConversationId") REFERENCES chat_conversations ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_chat_participants_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE chat_messages (
    "Id" uuid NOT NULL,
    "ConversationId" uuid NOT NULL,
    "OrganizationId" uuid,
    "SphereId" uuid,
    "AuthorId" uuid NOT NULL,
    "Body" character varying(4000) NOT NULL,
    "ReplyToId" uuid,
    "CreatedAt" timestamp with time zone NOT NULL,
    "EditedAt" timestamp with time zone,
    "DeletedAt" timestamp with time zone,
    CONSTRAINT "PK_chat_messages" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_chat_messages_chat_conversations_ConversationId" FOREIGN KEY ("ConversationId") REFERENCES chat_conversations ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_chat_messages_users_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE chat_reactions (
    "MessageId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_chat_reactions" PRIMARY KEY ("MessageId", "UserId", "Kind"),
    CONSTRAINT "FK_chat_reactions_chat_messages_MessageId" FOREIGN KEY ("MessageId") REFERENCES chat_messages ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_chat_reactions_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE chat_attachments (
    "Id" uuid NOT NULL,
    "ConversationId" uuid NOT NULL,
    "MessageId" uuid,
    "OrganizationId" uuid NOT NULL,
    "UploaderId" uuid NOT NULL,
    "FileName" character varying(255) NOT NULL,
    "ContentType" character varying(100) NOT NULL,
    "Size" bigint NOT NULL,
    "BlobKey" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_chat_attachments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_chat_attachments_chat_conversations_ConversationId" FOREIGN KEY ("ConversationId") REFERENCES chat_conversations ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_chat_attachments_chat_messages_MessageId" FOREIGN KEY ("MessageId") REFERENCES chat_messages ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_chat_attachments_users_UploaderId" FOREIGN KEY ("UploaderId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE chat_blocks (
    "BlockerId" uuid NOT NULL,
    "BlockedId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_chat_blocks" PRIMARY KEY ("BlockerId", "BlockedId"),
    CONSTRAINT "FK_chat_blocks_users_BlockedId" FOREIGN KEY ("BlockedId") REFERENCES users ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_chat_blocks_users_BlockerId" FOREIGN KEY ("BlockerId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_chat_attachments_ConversationId" ON chat_attachments ("ConversationId");

CREATE INDEX "IX_chat_attachments_MessageId" ON chat_attachments ("MessageId");

CREATE INDEX "IX_chat_attachments_UploaderId" ON chat_attachments ("UploaderId");

CREATE INDEX "IX_chat_blocks_BlockedId" ON chat_blocks ("BlockedId");

CREATE INDEX "IX_chat_conversations_CreatedById" ON chat_conversations ("CreatedById");

CREATE UNIQUE INDEX "IX_chat_conversations_DirectKey" ON chat_conversations ("DirectKey");

CREATE UNIQUE INDEX "IX_chat_conversations_SphereId" ON chat_conversations ("SphereId");

CREATE INDEX "IX_chat_messages_AuthorId" ON chat_messages ("AuthorId");

CREATE INDEX "IX_chat_messages_ConversationId_Id" ON chat_messages ("ConversationId", "Id");

CREATE INDEX "IX_chat_participants_UserId" ON chat_participants ("UserId");

CREATE INDEX "IX_chat_reactions_UserId" ON chat_reactions ("UserId");
