-- Polls (issue #6 part 3): polls, their options, one ballot per (poll, member) enforced by a unique index, and the ballot's choices.
CREATE TABLE "polls" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_polls" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "AuthorId" TEXT NOT NULL,
    "Question" TEXT NOT NULL,
    "Multiple" INTEGER NOT NULL,
    "MaxChoices" INTEGER NULL,
    "AllowOther" INTEGER NOT NULL,
    "Anonymous" INTEGER NOT NULL,
    "ResultsVisibility" TEXT NOT NULL,
    "ClosesAt" TEXT NULL,
    "ClosedAt" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_polls_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES "spheres" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_polls_users_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "poll_options" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_poll_options" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "PollId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    CONSTRAINT "FK_poll_options_polls_PollId" FOREIGN KEY ("PollId") REFERENCES "polls" ("Id") ON DELETE CASCADE
);

CREATE TABLE "poll_ballots" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_poll_ballots" PRIMARY KEY,
    "OrganizationId" TEXT NOT NULL,
    "SphereId" TEXT NOT NULL,
    "PollId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "OtherText" TEXT NULL,
    "CastAt" TEXT NULL,
    CONSTRAINT "FK_poll_ballots_polls_PollId" FOREIGN KEY ("PollId") REFERENCES "polls" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_poll_ballots_users_UserId" FOREIGN KEY ("UserId") REFERENCES "users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "poll_choices" (
    "BallotId" TEXT NOT NULL,
    "OptionId" TEXT NOT NULL,
    "OrganizationId" TEXT NOT NULL,
    "PollId" TEXT NOT NULL,
    CONSTRAINT "PK_poll_choices" PRIMARY KEY ("BallotId", "OptionId"),
    CONSTRAINT "FK_poll_choices_poll_ballots_BallotId" FOREIGN KEY ("BallotId") REFERENCES "poll_ballots" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_poll_choices_poll_options_OptionId" FOREIGN KEY ("OptionId") REFERENCES "poll_options" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_poll_ballots_PollId_UserId" ON "poll_ballots" ("PollId", "UserId");

CREATE INDEX "IX_poll_ballots_UserId" ON "poll_ballots" ("UserId");

CREATE INDEX "IX_poll_choices_OptionId" ON "poll_choices" ("OptionId");

CREATE INDEX "IX_poll_choices_PollId_OptionId" ON "poll_choices" ("PollId", "OptionId");

CREATE UNIQUE INDEX "IX_poll_options_PollId_Position" ON "poll_options" ("PollId", "Position");

CREATE INDEX "IX_polls_AuthorId" ON "polls" ("AuthorId");

CREATE INDEX "IX_polls_SphereId_Id" ON "polls" ("SphereId", "Id");
