CREATE TABLE "plan_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"title" text NOT NULL,
	"data" jsonb NOT NULL,
	"trigger" text NOT NULL,
	"generated_by" uuid,
	"generated_at" timestamp with time zone NOT NULL,
	"pdf" "bytea"
);
--> statement-breakpoint
CREATE TABLE "regional_risk_grades" (
	"month" text NOT NULL,
	"region_code" text NOT NULL,
	"coefficient" double precision NOT NULL,
	"level" text NOT NULL,
	"mines" integer NOT NULL,
	"high_mines" integer NOT NULL,
	"mean_score" double precision NOT NULL,
	"graded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "regional_risk_grades_month_region_code_pk" PRIMARY KEY("month","region_code")
);
--> statement-breakpoint
CREATE TABLE "work_task_report_files" (
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
ALTER TABLE "work_task_report_files" ADD CONSTRAINT "work_task_report_files_report_id_work_task_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."work_task_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_reports_scheduled_key" ON "plan_reports" USING btree ("kind","region_code","period_start") WHERE "plan_reports"."trigger" = '定时';--> statement-breakpoint
CREATE INDEX "plan_reports_region_idx" ON "plan_reports" USING btree ("region_code","generated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "work_task_report_files_sha_key" ON "work_task_report_files" USING btree ("report_id","sha256");