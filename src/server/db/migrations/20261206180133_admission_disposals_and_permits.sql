CREATE TABLE "disposal_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"stepped_on" date NOT NULL,
	"description" text NOT NULL,
	"completes" boolean NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_label" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disposal_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"category" text NOT NULL,
	"basis" text NOT NULL,
	"listed_on" date NOT NULL,
	"deadline" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"state" text NOT NULL,
	"completed_on" date,
	"listed_by" uuid NOT NULL,
	"listed_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "permit_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"project_kind" text NOT NULL,
	"project_name" text NOT NULL,
	"applied_on" date NOT NULL,
	"designer" text NOT NULL,
	"mining_method" text NOT NULL,
	"filling_justification" text DEFAULT '' NOT NULL,
	"mechanical_scaling" boolean NOT NULL,
	"design_capacity_tpa" double precision NOT NULL,
	"service_life_years" double precision NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"state" text NOT NULL,
	"reviewed_on" date,
	"review_experts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"review_note" text DEFAULT '' NOT NULL,
	"construction_due_on" date,
	"original_due_on" date,
	"extensions" smallint DEFAULT 0 NOT NULL,
	"extension_reason" text,
	"site_checked_on" date,
	"site_check_passed" boolean,
	"site_check_note" text,
	"issued_on" date,
	"licence_id" uuid,
	"applied_by" uuid NOT NULL,
	"applied_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disposal_steps" ADD CONSTRAINT "disposal_steps_entry_id_disposal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."disposal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposal_entries" ADD CONSTRAINT "disposal_entries_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permit_applications" ADD CONSTRAINT "permit_applications_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permit_applications" ADD CONSTRAINT "permit_applications_licence_id_licences_id_fk" FOREIGN KEY ("licence_id") REFERENCES "public"."licences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disposal_steps_entry_idx" ON "disposal_steps" USING btree ("entry_id","stepped_on");--> statement-breakpoint
CREATE INDEX "disposal_entries_mine_idx" ON "disposal_entries" USING btree ("mine_id");--> statement-breakpoint
CREATE UNIQUE INDEX "disposal_entries_open_key" ON "disposal_entries" USING btree ("mine_id") WHERE "disposal_entries"."state" = '处置中';--> statement-breakpoint
CREATE INDEX "permit_applications_mine_idx" ON "permit_applications" USING btree ("mine_id","applied_on");--> statement-breakpoint
CREATE INDEX "permit_applications_state_idx" ON "permit_applications" USING btree ("state");