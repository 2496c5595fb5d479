-- Post attachments: uploads pending until a post claims them, then readable through the post. Drafted with `schema script --provider sqlite`; hand-edited and frozen once released.

CREATE TABLE "attachments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_attachments" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "UploaderId" TEXT NOT NULL,
    "PostId" TEXT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "BlobKey" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "AttachedAt" TEXT NULL,
    CONSTRAINT "FK_attachments_posts_PostId" FOREIGN KEY ("PostId") REFERENCES "posts" ("Id") ON DELETE SET NULL
);

CREATE INDEX "IX_attachments_PostId_CreatedAt" ON "attachments" ("PostId", "CreatedAt");

CREATE INDEX "IX_attachments_SphereId" ON "attachments" ("SphereId");
