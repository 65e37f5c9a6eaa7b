CREATE TABLE "plan_enterprise_report_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_enterprise_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"text" text NOT NULL,
	"filed_on" date NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mines" ADD COLUMN "mechanized_on" date;--> statement-breakpoint
ALTER TABLE "mines" ADD COLUMN "video_monitored_on" date;--> statement-breakpoint
ALTER TABLE "mines" ADD COLUMN "informatized_on" date;--> statement-breakpoint
ALTER TABLE "plan_enterprise_report_files" ADD CONSTRAINT "plan_enterprise_report_files_report_id_plan_enterprise_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."plan_enterprise_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_enterprise_reports" ADD CONSTRAINT "plan_enterprise_reports_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_enterprise_report_files_sha_key" ON "plan_enterprise_report_files" USING btree ("report_id","sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_enterprise_reports_key" ON "plan_enterprise_reports" USING btree ("enterprise_id","due_on");--> statement-breakpoint
CREATE INDEX "plan_enterprise_reports_due_idx" ON "plan_enterprise_reports" USING btree ("due_on");