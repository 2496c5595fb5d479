-- Polls (issue #6 part 3): polls, their options, one ballot per (poll, member) enforced by a unique index, and the ballot's choices.
CREATE TABLE polls (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "AuthorId" uuid NOT NULL,
    "Question" character varying(300) NOT NULL,
    "Multiple" boolean NOT NULL,
    "MaxChoices" integer,
    "AllowOther" boolean NOT NULL,
    "Anonymous" boolean NOT NULL,
    "ResultsVisibility" character varying(20) NOT NULL,
    "ClosesAt" timestamp with time zone,
    "ClosedAt" timestamp with time zone,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_polls" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_polls_spheres_SphereId" FOREIGN KEY ("SphereId") REFERENCES spheres ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_polls_users_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE poll_options (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "PollId" uuid NOT NULL,
    "Position" integer NOT NULL,
    "Text" character varying(200) NOT NULL,
    CONSTRAINT "PK_poll_options" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_poll_options_polls_PollId" FOREIGN KEY ("PollId") REFERENCES polls ("Id") ON DELETE CASCADE
);

CREATE TABLE poll_ballots (
    "Id" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "SphereId" uuid NOT NULL,
    "PollId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "OtherText" character varying(200),
    "CastAt" timestamp with time zone,
    CONSTRAINT "PK_poll_ballots" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_poll_ballots_polls_PollId" FOREIGN KEY ("PollId") REFERENCES polls ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_poll_ballots_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
);

CREATE TABLE poll_choices (
    "BallotId" uuid NOT NULL,
    "OptionId" uuid NOT NULL,
    "OrganizationId" uuid NOT NULL,
    "PollId" uuid NOT NULL,
    CONSTRAINT "PK_poll_choices" PRIMARY KEY ("BallotId", "OptionId"),
    CONSTRAINT "FK_poll_choices_poll_ballots_BallotId" FOREIGN KEY ("BallotId") REFERENCES poll_ballots ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_poll_choices_poll_options_OptionId" FOREIGN KEY ("OptionId") REFERENCES poll_options ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_poll_ballots_PollId_UserId" ON poll_ballots ("PollId", "UserId");

CREATE INDEX "IX_poll_ballots_UserId" ON poll_ballots ("UserId");

CREATE INDEX "IX_poll_choices_OptionId" ON poll_choices ("OptionId");

CREATE INDEX "IX_poll_choices_PollId_OptionId" ON poll_choices ("PollId", "OptionId");

CREATE UNIQUE INDEX "IX_poll_options_PollId_Position" ON poll_options ("PollId", "Position");

CREATE INDEX "IX_polls_AuthorId" ON polls ("AuthorId");

CREATE INDEX "IX_polls_SphereId_Id" ON polls ("SphereId", "Id");
