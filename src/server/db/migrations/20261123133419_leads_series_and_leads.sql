CREATE TABLE "lead_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"lead_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"actor" text NOT NULL,
	"note" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"rule" text NOT NULL,
	"status" text NOT NULL,
	"score" integer NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"summary" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"criterion_code" text,
	"major_hazard" boolean DEFAULT false NOT NULL,
	"assignee_id" uuid,
	"assigned_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"verification" text,
	"hazard_id" uuid,
	"inspection_ref" text,
	"close_note" text,
	"closed_at" timestamp with time zone,
	"detected_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leads_job_state" (
	"key" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mine_areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mine_meters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"code" text NOT NULL,
	"factor" text NOT NULL,
	"area" text DEFAULT '' NOT NULL,
	"granularity" text NOT NULL,
	"provider" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mine_series" (
	"mine_id" uuid NOT NULL,
	"factor" text NOT NULL,
	"area" text DEFAULT '' NOT NULL,
	"granularity" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mine_series_mine_id_factor_area_granularity_period_start_pk" PRIMARY KEY("mine_id","factor","area","granularity","period_start")
);
--> statement-breakpoint
ALTER TABLE "lead_events" ADD CONSTRAINT "lead_events_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mine_areas" ADD CONSTRAINT "mine_areas_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mine_meters" ADD CONSTRAINT "mine_meters_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mine_series" ADD CONSTRAINT "mine_series_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lead_events_lead_idx" ON "lead_events" USING btree ("lead_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "leads_open_mine_rule_key" ON "leads" USING btree ("mine_id","rule") WHERE "leads"."closed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "leads_mine_idx" ON "leads" USING btree ("mine_id","detected_at");--> statement-breakpoint
CREATE INDEX "leads_detected_idx" ON "leads" USING btree ("detected_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "mine_areas_mine_name_key" ON "mine_areas" USING btree ("mine_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "mine_meters_code_key" ON "mine_meters" USING btree ("code") WHERE "mine_meters"."archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "mine_meters_mine_idx" ON "mine_meters" USING btree ("mine_id");--> statement-breakpoint
CREATE INDEX "mine_series_period_idx" ON "mine_series" USING btree ("period_start");