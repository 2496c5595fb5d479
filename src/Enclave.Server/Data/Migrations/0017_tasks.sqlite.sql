-- 0017: the task kanban (issue #6): boards, columns, cards with dense positions unique per column, assignees, checklists, comments.
CREATE TABLE "task_boards" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_task_boards" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "CreatedById" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Revision" INTEGER NOT NULL,
    CONSTRAINT "FK_task_boards_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES "spheres" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_task_boards_users_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES "users" ("Id") ON DELETE SET NULL
);

CREATE TABLE "task_columns" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_task_columns" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "BoardId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    CONSTRAINT "FK_task_columns_task_boards_BoardId" FOREIGN KEY ("BoardId") REFERENCES "task_boards" ("Id") ON DELETE CASCADE
);

CREATE TABLE "task_cards" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_task_cards" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "BoardId" TEXT NOT NULL,
    "ColumnId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "DescriptionHtml" TEXT NOT NULL,
    "Labels" TEXT NOT NULL,
    "DueAt" TEXT NULL,
    "DueReminderSentAt" TEXT NULL,
    "CreatedById" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_task_cards_task_boards_BoardId" FOREIGN KEY ("BoardId") REFERENCES "task_boards" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_task_cards_task_columns_ColumnId" FOREIGN KEY ("ColumnId") REFERENCES "task_columns" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_task_cards_users_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES "users" ("Id") ON DELETE SET NULL
);

CREATE TABLE "task_assignees" (
    "CardId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "AssignedAt" TEXT NOT NULL,
    CONSTRAINT "PK_task_assignees" PRIMARY KEY ("CardId", "UserId"),
    CONSTRAINT "FK_task_assignees_task_cards_CardId" FOREIGN KEY ("CardId") REFERENCES "task_cards" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_task_assignees_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "task_checklist_items" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_task_checklist_items" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "CardId" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "Done" INTEGER NOT NULL,
    "CreatedById" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_task_checklist_items_task_cards_CardId" FOREIGN KEY ("CardId") REFERENCES "task_cards" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_task_checklist_items_users_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES "users" ("Id") ON DELETE SET NULL
);

CREATE TABLE "task_comments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_task_comments" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "CardId" TEXT NOT NULL,
    "AuthorId" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "BodyHtml" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_task_comments_task_cards_CardId" FOREIGN KEY ("CardId") REFERENCES "task_cards" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_task_comments_users_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_task_assignees_UserId_CardId" ON "task_assignees" ("UserId", "CardId");

CREATE INDEX "IX_task_boards_CreatedById" ON "task_boards" ("CreatedById");

CREATE INDEX "IX_task_boards_SphereId_Id" ON "task_boards" ("SphereId", "Id");

CREATE INDEX "IX_task_cards_BoardId" ON "task_cards" ("BoardId");

CREATE UNIQUE INDEX "IX_task_cards_ColumnId_Position" ON "task_cards" ("ColumnId", "Position");

CREATE INDEX "IX_task_cards_CreatedById" ON "task_cards" ("CreatedById");

CREATE INDEX "IX_task_cards_DueAt" ON "task_cards" ("DueAt");

CREATE INDEX "IX_task_checklist_items_CardId_Id" ON "task_checklist_items" ("CardId", "Id");

CREATE INDEX "IX_task_checklist_items_CreatedById" ON "task_checklist_items" ("CreatedById");

CREATE UNIQUE INDEX "IX_task_columns_BoardId_Position" ON "task_columns" ("BoardId", "Position");

CREATE INDEX "IX_task_comments_AuthorId" ON "task_comments" ("AuthorId");

CREATE INDEX "IX_task_comments_CardId_Id" ON "task_comments" ("CardId", "Id");
