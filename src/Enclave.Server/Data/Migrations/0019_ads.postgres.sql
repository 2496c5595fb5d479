-- Classified ads (issue #6 part 5): one row per ad, one to one with the post that carries it (deleted with it).
CREATE TABLE ads (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "PostId" uuid NOT NULL,
    "Category" character varying(20) NOT NULL,
    "Title" character varying(120) NOT NULL,
    "PriceCents" bigint,
    "Currency" character varying(3),
    "Location" character varying(120),
    "Status" character varying(20) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "StatusChangedAt" timestamp with time zone,
    CONSTRAINT "PK_ads" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ads_posts_PostId" FOREIGN KEY ("PostId") REFERENCES posts ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ads_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES spheres ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_ads_PostId" ON ads ("PostId");

CREATE INDEX "IX_ads_SphereId_Category_Id" ON ads ("SphereId", "Category", "Id");

CREATE INDEX "IX_ads_SphereId_Id" ON ads ("SphereId", "Id");
