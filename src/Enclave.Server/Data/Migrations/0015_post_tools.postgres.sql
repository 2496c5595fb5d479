-- Posts can carry a sphere tool item (poll, event, document, task, ad) into the feed, by kind and id.

ALTER TABLE posts ADD "ToolKind" character varying(16) NULL;

ALTER TABLE posts ADD "ToolItemId" uuid NULL;

CREATE INDEX "IX_posts_ToolItemId" ON posts ("ToolItemId");
