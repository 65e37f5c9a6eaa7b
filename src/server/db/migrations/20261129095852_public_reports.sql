CREATE TABLE "public_report_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"step" text NOT NULL,
	"public_note" text DEFAULT '' NOT NULL,
	"internal_note" text DEFAULT '' NOT NULL,
	"actor_label" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_report_misses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tracking_code" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_report_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tracking_code" text NOT NULL,
	"secret_digest" text NOT NULL,
	"category" text NOT NULL,
	"county_code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"location" text NOT NULL,
	"mine_name" text,
	"mine_id" uuid,
	"content" text NOT NULL,
	"anonymous" integer NOT NULL,
	"name_sealed" text,
	"phone_sealed" text,
	"state" text NOT NULL,
	"due_on" date,
	"verification" text,
	"outcome" text,
	"link_id" uuid,
	"feedback" text,
	"reward_yuan" double precision,
	"reward_paid_on" date,
	"ip_digest" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "public_report_events" ADD CONSTRAINT "public_report_events_report_id_public_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."public_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_report_photos" ADD CONSTRAINT "public_report_photos_report_id_public_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."public_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_reports" ADD CONSTRAINT "public_reports_unit_id_organisations_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "public_report_events_report_idx" ON "public_report_events" USING btree ("report_id","at");--> statement-breakpoint
CREATE INDEX "public_report_misses_code_idx" ON "public_report_misses" USING btree ("tracking_code","at");--> statement-breakpoint
CREATE UNIQUE INDEX "public_report_photos_sha_key" ON "public_report_photos" USING btree ("report_id","sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "public_reports_code_key" ON "public_reports" USING btree ("tracking_code");--> statement-breakpoint
CREATE INDEX "public_reports_unit_idx" ON "public_reports" USING btree ("unit_id","state");--> statement-breakpoint
CREATE INDEX "public_reports_ip_idx" ON "public_reports" USING btree ("ip_digest","received_at");