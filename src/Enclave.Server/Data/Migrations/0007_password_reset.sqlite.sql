-- Password reset links: one pending token per user, kept only as its SHA-256 hash. Drafted with `schema script --provider sqlite`; hand-edited and frozen once released.

CREATE TABLE "password_reset_tokens" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_password_reset_tokens" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    CONSTRAINT "FK_password_reset_tokens_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_password_reset_tokens_TokenHash" ON "password_reset_tokens" ("TokenHash");

CREATE UNIQUE INDEX "IX_password_reset_tokens_UserId" ON "password_reset_tokens" ("UserId");
