-- Closing an account (src/Enclave.Server/Privacy/Closing): when it was closed, the person's one
-- explicit choice (DeleteEverything | Anonymize), and the end of the grace period, which the purge
-- job reads (indexed) so that its schedule survives restarts.

ALTER TABLE "users" ADD COLUMN "ClosedAt" TEXT NULL;
ALTER TABLE "users" ADD COLUMN "ClosingChoice" TEXT NULL;
ALTER TABLE "users" ADD COLUMN "PurgeAfter" TEXT NULL;

CREATE INDEX "IX_users_PurgeAfter" ON "users" ("PurgeAfter");
