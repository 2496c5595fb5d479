-- 0017: the task kanban (issue #6): boards, columns, cards with dense positions unique per column, assignees, checklists, comments.
CREATE TABLE task_boards (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Description" character varying(2000) NOT NULL,
    "CreatedById" uuid,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Revision" bigint NOT NULL,
    CONSTRAINT "PK_task_boards" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_task_boards_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES spheres ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_task_boards_users_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES users ("Id") ON DELETE SET NULL
);

CREATE TABLE task_columns (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "BoardId" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Position" integer NOT NULL,
    CONSTRAINT "PK_task_columns" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_task_columns_task_boards_BoardId" FOREIGN KEY ("BoardId") REFERENCES task_boards ("Id") ON DELETE CASCADE
);

CREATE TABLE task_cards (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "BoardId" uuid NOT NULL,
    "ColumnId" uuid NOT NULL,
    "Position" integer NOT NULL,
    "Title" character varying(200) NOT NULL,
    "Description" character varying(20000) NOT NULL,
    "DescriptionHtml" character varying(200000) NOT NULL,
    "Labels" character varying(410) NOT NULL,
    "DueAt" timestamp with time zone,
    "DueReminderSentAt" timestamp with time zone,
    "CreatedById" uuid,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_task_cards" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_task_cards_task_boards_BoardId" FOREIGN KEY ("BoardId") REFERENCES task_boards ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_task_cards_task_columns_ColumnId" FOREIGN KEY ("ColumnId") REFERENCES task_columns ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_task_cards_users_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES users ("Id") ON DELETE SET NULL
);

CREATE TABLE task_assignees (
    "CardId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "AssignedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_task_assignees" PRIMARY KEY ("CardId", "UserId"),
    CONSTRAINT "FK_task_assignees_task_cards_CardId" FOREIGN KEY ("CardId") REFERENCES task_cards ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_task_assignees_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE task_checklist_items (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "CardId" uuid NOT NULL,
    "Text" character varying(500) NOT NULL,
    "Done" boolean NOT NULL,
    "CreatedById" uuid,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_task_checklist_items" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_task_checklist_items_task_cards_CardId" FOREIGN KEY ("CardId") REFERENCES task_cards ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_task_checklist_items_users_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES users ("Id") ON DELETE SET NULL
);

CREATE TABLE task_comments (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "CardId" uuid NOT NULL,
    "AuthorId" uuid NOT NULL,
    "Body" character varying(10000) NOT NULL,
    "BodyHtml" character varying(200000) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_task_comments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_task_comments_task_cards_CardId" FOREIGN KEY ("CardId") REFERENCES task_cards ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_task_comments_users_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_task_assignees_UserId_CardId" ON task_assignees ("UserId", "CardId");

CREATE INDEX "IX_task_boards_CreatedById" ON task_boards ("CreatedById");

CREATE INDEX "IX_task_boards_SphereId_Id" ON task_boards ("SphereId", "Id");

CREATE INDEX "IX_task_cards_BoardId" ON task_cards ("BoardId");

CREATE UNIQUE INDEX "IX_task_cards_ColumnId_Position" ON task_cards ("ColumnId", "Position");

CREATE INDEX "IX_task_cards_CreatedById" ON task_cards ("CreatedById");

CREATE INDEX "IX_task_cards_DueAt" ON task_cards ("DueAt");

CREATE INDEX "IX_task_checklist_items_CardId_Id" ON task_checklist_items ("CardId", "Id");

CREATE INDEX "IX_task_checklist_items_CreatedById" ON task_checklist_items ("CreatedById");

CREATE UNIQUE INDEX "IX_task_columns_BoardId_Position" ON task_columns ("BoardId", "Position");

CREATE INDEX "IX_task_comments_AuthorId" ON task_comments ("AuthorId");

CREATE INDEX "IX_task_comments_CardId_Id" ON task_comments ("CardId", "Id");
