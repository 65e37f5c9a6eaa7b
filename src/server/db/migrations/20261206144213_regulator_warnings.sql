CREATE TABLE "regulator_warning_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"warning_id" uuid NOT NULL,
	"mine_id" uuid NOT NULL,
	"state" text NOT NULL,
	"call_step" integer DEFAULT 0 NOT NULL,
	"step_started_at" timestamp with time zone,
	"call_round" integer DEFAULT 0 NOT NULL,
	"next_call_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"acknowledged_by_id" uuid,
	"responded_at" timestamp with time zone,
	"responded_by" text,
	"responded_by_id" uuid,
	"people_withdrawn" integer,
	"withdrawn_at" timestamp with time zone,
	"measures" text
);
--> statement-breakpoint
CREATE TABLE "regulator_warnings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"region_code" text NOT NULL,
	"mine_kinds" text[],
	"issued_by" uuid NOT NULL,
	"issuing_organisation_id" uuid NOT NULL,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_ack_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"call_id" uuid NOT NULL,
	"recipient" text NOT NULL,
	"recipient_name" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "regulator_warning_calls" ADD CONSTRAINT "regulator_warning_calls_warning_id_regulator_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."regulator_warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regulator_warning_calls" ADD CONSTRAINT "regulator_warning_calls_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regulator_warning_calls" ADD CONSTRAINT "regulator_warning_calls_acknowledged_by_id_users_id_fk" FOREIGN KEY ("acknowledged_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regulator_warning_calls" ADD CONSTRAINT "regulator_warning_calls_responded_by_id_users_id_fk" FOREIGN KEY ("responded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regulator_warnings" ADD CONSTRAINT "regulator_warnings_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regulator_warnings" ADD CONSTRAINT "regulator_warnings_issuing_organisation_id_organisations_id_fk" FOREIGN KEY ("issuing_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_ack_tokens" ADD CONSTRAINT "warning_ack_tokens_call_id_regulator_warning_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."regulator_warning_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "regulator_warning_calls_warning_mine_key" ON "regulator_warning_calls" USING btree ("warning_id","mine_id");--> statement-breakpoint
CREATE INDEX "regulator_warning_calls_mine_idx" ON "regulator_warning_calls" USING btree ("mine_id","state");--> statement-breakpoint
CREATE INDEX "regulator_warning_calls_next_idx" ON "regulator_warning_calls" USING btree ("next_call_at");--> statement-breakpoint
CREATE INDEX "regulator_warnings_issued_idx" ON "regulator_warnings" USING btree ("issued_at");