-- Two-factor sign-in: the authenticator secret (encrypted with Data Protection) and its single-use recovery codes (SHA-256 hashes),
-- and each organization's security policy (minimum password length, two-factor sign-in required). Drafted with `schema script --provider postgres`.

CREATE TABLE two_factor_credentials (
    "UserId" uuid NOT NULL,
    "ProtectedSecret" character varying(1000) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "EnabledAt" timestamp with time zone,
    "LastUsedStep" bigint NOT NULL,
    "FailedAttempts" integer NOT NULL,
    CONSTRAINT "PK_two_factor_credentials" PRIMARY KEY ("UserId"),
    CONSTRAINT "FK_two_factor_credentials_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE recovery_codes (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "CodeHash" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UsedAt" timestamp with time zone,
    CONSTRAINT "PK_recovery_codes" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_recovery_codes_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_recovery_codes_UserId_CodeHash" ON recovery_codes ("UserId", "CodeHash");

ALTER TABLE organizations ADD COLUMN "MinPasswordLength" integer;
-- Existing organizations keep no requirement; the model has no database default, so drop it once filled.
ALTER TABLE organizations ADD COLUMN "RequireTwoFactor" boolean NOT NULL DEFAULT false;
ALTER TABLE organizations ALTER COLUMN "RequireTwoFactor" DROP DEFAULT;
