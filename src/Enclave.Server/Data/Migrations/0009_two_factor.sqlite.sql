-- Two-factor sign-in: the authenticator secret (encrypted with Data Protection) and its single-use recovery codes (SHA-256 hashes),
-- and each organization's security policy (minimum password length, two-factor sign-in required). Drafted with `schema script --provider sqlite`.

CREATE TABLE "two_factor_credentials" (
    "UserId" TEXT NOT NULL CONSTRAINT "PK_two_factor_credentials" PRIMARY KEY,
    "ProtectedSecret" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "EnabledAt" TEXT NULL,
    "LastUsedStep" INTEGER NOT NULL,
    "FailedAttempts" INTEGER NOT NULL,
    CONSTRAINT "FK_two_factor_credentials_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "recovery_codes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_recovery_codes" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "CodeHash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UsedAt" TEXT NULL,
    CONSTRAINT "FK_recovery_codes_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_recovery_codes_UserId_CodeHash" ON "recovery_codes" ("UserId", "CodeHash");

ALTER TABLE "organizations" ADD COLUMN "MinPasswordLength" INTEGER NULL;
ALTER TABLE "organizations" ADD COLUMN "RequireTwoFactor" INTEGER NOT NULL DEFAULT 0;
