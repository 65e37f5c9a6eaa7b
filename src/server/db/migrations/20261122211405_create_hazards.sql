CREATE TABLE "hazard_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"standard_id" uuid NOT NULL,
	"code" text NOT NULL,
	"parent_code" text,
	"part" text NOT NULL,
	"number" text NOT NULL,
	"text" text NOT NULL,
	"applicable_kinds" text[] NOT NULL,
	"verified" boolean NOT NULL,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazard_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"hazard_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"note" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "hazard_standards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"version" text NOT NULL,
	"effective_on" date NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"description" text NOT NULL,
	"location" text NOT NULL,
	"source" text NOT NULL,
	"found_by" text NOT NULL,
	"found_on" date NOT NULL,
	"state" text NOT NULL,
	"supervised" boolean DEFAULT false NOT NULL,
	"responsible_person" text,
	"measures" text,
	"funds_yuan" double precision,
	"deadline" date,
	"contingency_plan" text,
	"rectification_note" text,
	"closed_at" timestamp with time zone,
	"reported_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "ip" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "hazard_criteria" ADD CONSTRAINT "hazard_criteria_standard_id_hazard_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."hazard_standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_events" ADD CONSTRAINT "hazard_events_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazards" ADD CONSTRAINT "hazards_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazards" ADD CONSTRAINT "hazards_criterion_id_hazard_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."hazard_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hazard_criteria_standard_code_key" ON "hazard_criteria" USING btree ("standard_id","code");--> statement-breakpoint
CREATE INDEX "hazard_criteria_kinds_idx" ON "hazard_criteria" USING gin ("applicable_kinds");--> statement-breakpoint
CREATE INDEX "hazard_events_hazard_idx" ON "hazard_events" USING btree ("hazard_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "hazard_standards_code_version_key" ON "hazard_standards" USING btree ("code","version");--> statement-breakpoint
CREATE INDEX "hazards_mine_idx" ON "hazards" USING btree ("mine_id");--> statement-breakpoint
CREATE INDEX "hazards_state_idx" ON "hazards" USING btree ("state");--> statement-breakpoint
CREATE INDEX "hazards_criterion_idx" ON "hazards" USING btree ("criterion_id");