CREATE TABLE "hidden_hazard_survey_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hidden_hazard_surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"surveyed_on" date NOT NULL,
	"surveyor" text NOT NULL,
	"area_km2" double precision NOT NULL,
	"scope_years" smallint NOT NULL,
	"scope_description" text NOT NULL,
	"factors" jsonb NOT NULL,
	"zones" jsonb NOT NULL,
	"grade" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"state" text NOT NULL,
	"reviewed_on" date,
	"review_note" text DEFAULT '' NOT NULL,
	"reviewed_by" uuid,
	"reviewed_label" text,
	"filed_by" uuid NOT NULL,
	"filed_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mines" ADD COLUMN "disaster_grade_legacy" text;--> statement-breakpoint
ALTER TABLE "hidden_hazard_survey_files" ADD CONSTRAINT "hidden_hazard_survey_files_survey_id_hidden_hazard_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."hidden_hazard_surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hidden_hazard_surveys" ADD CONSTRAINT "hidden_hazard_surveys_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hidden_hazard_survey_files_sha_key" ON "hidden_hazard_survey_files" USING btree ("survey_id","sha256");--> statement-breakpoint
CREATE INDEX "hidden_hazard_surveys_mine_idx" ON "hidden_hazard_surveys" USING btree ("mine_id","surveyed_on");--> statement-breakpoint
CREATE INDEX "hidden_hazard_surveys_state_idx" ON "hidden_hazard_surveys" USING btree ("state","surveyed_on");--> statement-breakpoint
-- The registry's free-text 灾害防治等级 moves aside (kept as written) and the grade becomes the survey's
-- scale: the known words map onto it sensibly (突出 and 冲击地压 the highest; 高瓦斯 复杂; 低瓦斯 简单),
-- anything else waits for a survey.
UPDATE "mines" SET "disaster_grade_legacy" = "disaster_grade" WHERE "disaster_grade" IS NOT NULL;--> statement-breakpoint
UPDATE "mines" SET "disaster_grade" = CASE
  WHEN "disaster_grade" LIKE '%极复杂%' OR "disaster_grade" LIKE '%突出%' OR "disaster_grade" LIKE '%冲击地压%' THEN '极复杂'
  WHEN "disaster_grade" LIKE '%复杂%' OR "disaster_grade" LIKE '%高瓦斯%' THEN '复杂'
  WHEN "disaster_grade" LIKE '%中等%' THEN '中等'
  WHEN "disaster_grade" LIKE '%简单%' OR "disaster_grade" LIKE '%低瓦斯%' THEN '简单'
  ELSE NULL END
WHERE "disaster_grade" IS NOT NULL;
