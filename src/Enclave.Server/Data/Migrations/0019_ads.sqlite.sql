-- Classified ads (issue #6 part 5): one row per ad, one to one with the post that carries it (deleted with it).
CREATE TABLE "ads" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ads" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "PostId" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "PriceCents" INTEGER NULL,
    "Currency" TEXT NULL,
    "Location" TEXT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "StatusChangedAt" TEXT NULL,
    CONSTRAINT "FK_ads_posts_PostId" FOREIGN KEY ("PostId") REFERENCES "posts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ads_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES "spheres" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_ads_PostId" ON "ads" ("PostId");

CREATE INDEX "IX_ads_SphereId_Category_Id" ON "ads" ("SphereId", "Category", "Id");

CREATE INDEX "IX_ads_SphereId_Id" ON "ads" ("SphereId", "Id");
