CREATE TABLE "job_claims" (
	"name" text PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"held_until" timestamp with time zone NOT NULL,
	"last_started_at" timestamp with time zone NOT NULL,
	"last_finished_at" timestamp with time zone,
	"last_result" jsonb
);
