CREATE TABLE "accident_parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"accident_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"handling" text NOT NULL,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accident_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"accident_id" uuid NOT NULL,
	"seq" serial NOT NULL,
	"step" text NOT NULL,
	"detail" jsonb NOT NULL,
	"actor_label" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazard_investigations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hazard_id" uuid NOT NULL,
	"opened_on" date NOT NULL,
	"team" text[] NOT NULL,
	"opened_by" uuid NOT NULL,
	"opened_label" text NOT NULL,
	"concluded_on" date,
	"cause" text,
	"responsibility" text,
	"proposal" text,
	"parent_company_review" text,
	"enforcement_review" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accidents" ADD COLUMN "stage" text DEFAULT '调查中' NOT NULL;--> statement-breakpoint
ALTER TABLE "accidents" ADD COLUMN "investigation_level" text;--> statement-breakpoint
ALTER TABLE "accidents" ADD COLUMN "investigation_unit" text;--> statement-breakpoint
ALTER TABLE "accidents" ADD COLUMN "supervised_by" text;--> statement-breakpoint
ALTER TABLE "accidents" ADD COLUMN "supervise_deadline" date;--> statement-breakpoint
ALTER TABLE "accidents" ADD COLUMN "finding_on" date;--> statement-breakpoint
ALTER TABLE "accidents" ADD COLUMN "finding_nature" text;--> statement-breakpoint
ALTER TABLE "accidents" ADD COLUMN "finding_cause" text;--> statement-breakpoint
ALTER TABLE "accidents" ADD COLUMN "finding_text" text;--> statement-breakpoint
ALTER TABLE "accidents" ADD COLUMN "rectification_accepted_on" date;--> statement-breakpoint
ALTER TABLE "accidents" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "accidents" ADD COLUMN "concealed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "accidents" ADD COLUMN "concealed_report_id" uuid;--> statement-breakpoint
ALTER TABLE "public_reports" ADD COLUMN "accountability_measures" text;--> statement-breakpoint
ALTER TABLE "public_reports" ADD COLUMN "accountability_parties" jsonb;--> statement-breakpoint
ALTER TABLE "accident_parties" ADD CONSTRAINT "accident_parties_accident_id_accidents_id_fk" FOREIGN KEY ("accident_id") REFERENCES "public"."accidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accident_steps" ADD CONSTRAINT "accident_steps_accident_id_accidents_id_fk" FOREIGN KEY ("accident_id") REFERENCES "public"."accidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_investigations" ADD CONSTRAINT "hazard_investigations_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accident_parties_accident_idx" ON "accident_parties" USING btree ("accident_id","sort_order");--> statement-breakpoint
CREATE INDEX "accident_steps_accident_idx" ON "accident_steps" USING btree ("accident_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "hazard_investigations_hazard_key" ON "hazard_investigations" USING btree ("hazard_id");