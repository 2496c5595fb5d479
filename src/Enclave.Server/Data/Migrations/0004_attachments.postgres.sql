-- Post attachments: uploads pending until a post claims them, then readable through the post. Drafted with `schema script --provider postgres`; hand-edited and frozen once released.

CREATE TABLE attachments (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "UploaderId" uuid NOT NULL,
    "PostId" uuid,
    "FileName" character varying(200) NOT NULL,
    "ContentType" character varying(100) NOT NULL,
    "Size" bigint NOT NULL,
    "BlobKey" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "AttachedAt" timestamp with time zone,
    CONSTRAINT "PK_attachments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_attachments_posts_PostId" FOREIGN KEY ("PostId") REFERENCES posts ("Id") ON DELETE SET NULL
);

CREATE INDEX "IX_attachments_PostId_CreatedAt" ON attachments ("PostId", "CreatedAt");

CREATE INDEX "IX_attachments_SphereId" ON attachments ("SphereId");
