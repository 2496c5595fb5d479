-- Posts, comments, reactions, tags, revisions and read markers. Drafted with `schema script --provider postgres`; hand-edited and frozen once released.

CREATE TABLE posts (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "AuthorId" uuid NOT NULL,
    "Body" character varying(20000) NOT NULL,
    "BodyHtml" character varying(200000) NOT NULL,
    "Style" character varying(32) NOT NULL,
    "IsPrivate" boolean NOT NULL,
    "FeedKey" uuid,
    "CreatedAt" timestamp with time zone NOT NULL,
    "PublishAt" timestamp with time zone,
    "PublishedAt" timestamp with time zone,
    "DeleteAt" timestamp with time zone,
    "EditedAt" timestamp with time zone,
    "PinnedAt" timestamp with time zone,
    "CopiedFromPostId" uuid,
    "CopiedFromSphereId" uuid,
    "CommentCount" integer NOT NULL,
    CONSTRAINT "PK_posts" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_posts_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES spheres ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_posts_users_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE read_markers (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "ReadUpTo" uuid NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_read_markers" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_read_markers_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES spheres ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_read_markers_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE comments (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "PostId" uuid NOT NULL,
    "AuthorId" uuid NOT NULL,
    "Body" character varying(20000) NOT NULL,
    "BodyHtml" character varying(200000) NOT NULL,
    "Status" character varying(32) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "EditedAt" timestamp with time zone,
    CONSTRAINT "PK_comments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_comments_posts_PostId" FOREIGN KEY ("PostId") REFERENCES posts ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_comments_users_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE post_recipients (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "PostId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    CONSTRAINT "PK_post_recipients" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_post_recipients_posts_PostId" FOREIGN KEY ("PostId") REFERENCES posts ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_post_recipients_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE post_revisions (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "PostId" uuid NOT NULL,
    "Body" character varying(20000) NOT NULL,
    "Style" character varying(32) NOT NULL,
    "AuthorId" uuid NOT NULL,
    "WrittenAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_post_revisions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_post_revisions_posts_PostId" FOREIGN KEY ("PostId") REFERENCES posts ("Id") ON DELETE CASCADE
);

CREATE TABLE post_tags (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "PostId" uuid NOT NULL,
    "Tag" character varying(50) NOT NULL,
    CONSTRAINT "PK_post_tags" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_post_tags_posts_PostId" FOREIGN KEY ("PostId") REFERENCES posts ("Id") ON DELETE CASCADE
);

CREATE TABLE reactions (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "PostId" uuid NOT NULL,
    "TargetId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_reactions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_reactions_posts_PostId" FOREIGN KEY ("PostId") REFERENCES posts ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_reactions_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_comments_AuthorId" ON comments ("AuthorId");

CREATE INDEX "IX_comments_PostId_Id" ON comments ("PostId", "Id");

CREATE INDEX "IX_comments_SphereId_Status" ON comments ("SphereId", "Status");

CREATE UNIQUE INDEX "IX_post_recipients_PostId_UserId" ON post_recipients ("PostId", "UserId");

CREATE INDEX "IX_post_recipients_UserId_SphereId" ON post_recipients ("UserId", "SphereId");

CREATE INDEX "IX_post_revisions_PostId" ON post_revisions ("PostId");

CREATE UNIQUE INDEX "IX_post_tags_PostId_Tag" ON post_tags ("PostId", "Tag");

CREATE INDEX "IX_post_tags_SphereId_Tag" ON post_tags ("SphereId", "Tag");

CREATE INDEX "IX_posts_AuthorId" ON posts ("AuthorId");

CREATE INDEX "IX_posts_DeleteAt" ON posts ("DeleteAt");

CREATE INDEX "IX_posts_PublishAt" ON posts ("PublishAt");

CREATE INDEX "IX_posts_SphereId_FeedKey" ON posts ("SphereId", "FeedKey");

CREATE INDEX "IX_posts_SphereId_PinnedAt" ON posts ("SphereId", "PinnedAt");

CREATE INDEX "IX_reactions_PostId" ON reactions ("PostId");

CREATE UNIQUE INDEX "IX_reactions_TargetId_UserId_Kind" ON reactions ("TargetId", "UserId", "Kind");

CREATE INDEX "IX_reactions_UserId" ON reactions ("UserId");

CREATE INDEX "IX_read_markers_SphereId" ON read_markers ("SphereId");

CREATE UNIQUE INDEX "IX_read_markers_UserId_SphereId" ON read_markers ("UserId", "SphereId");
