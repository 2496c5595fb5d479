-- Posts can carry a sphere tool item (poll, event, document, task, ad) into the feed, by kind and id.

ALTER TABLE posts ADD COLUMN "ToolKind" TEXT NULL;

ALTER TABLE posts ADD COLUMN "ToolItemId" TEXT NULL;

CREATE INDEX "IX_posts_ToolItemId" ON "posts" ("ToolItemId");
