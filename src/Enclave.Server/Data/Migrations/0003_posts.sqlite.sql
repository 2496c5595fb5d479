-- Posts, comments, reactions, tags, revisions and read markers. Drafted with `schema script --provider sqlite`; hand-edited and frozen once released.

CREATE TABLE "posts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_posts" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "AuthorId" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "BodyHtml" TEXT NOT NULL,
    "Style" TEXT NOT NULL,
    "IsPrivate" INTEGER NOT NULL,
    "FeedKey" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "PublishAt" TEXT NULL,
    "PublishedAt" TEXT NULL,
    "DeleteAt" TEXT NULL,
    "EditedAt" TEXT NULL,
    "PinnedAt" TEXT NULL,
    "CopiedFromPostId" TEXT NULL,
    "CopiedFromSphereId" TEXT NULL,
    "CommentCount" INTEGER NOT NULL,
    CONSTRAINT "FK_posts_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES "spheres" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_posts_users_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "read_markers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_read_markers" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "ReadUpTo" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_read_markers_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES "spheres" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_read_markers_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "comments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_comments" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "PostId" TEXT NOT NULL,
    "AuthorId" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "BodyHtml" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "EditedAt" TEXT NULL,
    CONSTRAINT "FK_comments_posts_PostId" FOREIGN KEY ("PostId") REFERENCES "posts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_comments_users_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "post_recipients" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_post_recipients" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "PostId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "FK_post_recipients_posts_PostId" FOREIGN KEY ("PostId") REFERENCES "posts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_post_recipients_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "post_revisions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_post_revisions" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "PostId" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "Style" TEXT NOT NULL,
    "AuthorId" TEXT NOT NULL,
    "WrittenAt" TEXT NOT NULL,
    CONSTRAINT "FK_post_revisions_posts_PostId" FOREIGN KEY ("PostId") REFERENCES "posts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "post_tags" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_post_tags" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "PostId" TEXT NOT NULL,
    "Tag" TEXT NOT NULL,
    CONSTRAINT "FK_post_tags_posts_PostId" FOREIGN KEY ("PostId") REFERENCES "posts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "reactions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_reactions" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "PostId" TEXT NOT NULL,
    "TargetId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_reactions_posts_PostId" FOREIGN KEY ("PostId") REFERENCES "posts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_reactions_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_comments_AuthorId" ON "comments" ("AuthorId");

CREATE INDEX "IX_comments_PostId_Id" ON "comments" ("PostId", "Id");

CREATE INDEX "IX_comments_SphereId_Status" ON "comments" ("SphereId", "Status");

CREATE UNIQUE INDEX "IX_post_recipients_PostId_UserId" ON "post_recipients" ("PostId", "UserId");

CREATE INDEX "IX_post_recipients_UserId_SphereId" ON "post_recipients" ("UserId", "SphereId");

CREATE INDEX "IX_post_revisions_PostId" ON "post_revisions" ("PostId");

CREATE UNIQUE INDEX "IX_post_tags_PostId_Tag" ON "post_tags" ("PostId", "Tag");

CREATE INDEX "IX_post_tags_SphereId_Tag" ON "post_tags" ("SphereId", "Tag");

CREATE INDEX "IX_posts_AuthorId" ON "posts" ("AuthorId");

CREATE INDEX "IX_posts_DeleteAt" ON "posts" ("DeleteAt");

CREATE INDEX "IX_posts_PublishAt" ON "posts" ("PublishAt");

CREATE INDEX "IX_posts_SphereId_FeedKey" ON "posts" ("SphereId", "FeedKey");

CREATE INDEX "IX_posts_SphereId_PinnedAt" ON "posts" ("SphereId", "PinnedAt");

CREATE INDEX "IX_reactions_PostId" ON "reactions" ("PostId");

CREATE UNIQUE INDEX "IX_reactions_TargetId_UserId_Kind" ON "reactions" ("TargetId", "UserId", "Kind");

CREATE INDEX "IX_reactions_UserId" ON "reactions" ("UserId");

CREATE INDEX "IX_read_markers_SphereId" ON "read_markers" ("SphereId");

CREATE UNIQUE INDEX "IX_read_markers_UserId_SphereId" ON "read_markers" ("UserId", "SphereId");
