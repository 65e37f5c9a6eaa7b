CREATE TABLE "login_backoff" (
	"name_digest" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"locked_until" timestamp with time zone,
	"trusted_ip_digest" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "throttle_hits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bucket" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP TABLE "public_report_misses" CASCADE;--> statement-breakpoint
CREATE INDEX "throttle_hits_bucket_idx" ON "throttle_hits" USING btree ("bucket","at");