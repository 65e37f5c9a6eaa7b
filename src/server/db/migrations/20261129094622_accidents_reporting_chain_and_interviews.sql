CREATE TABLE "accident_interviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"accident_id" uuid NOT NULL,
	"party" text NOT NULL,
	"party_name" text NOT NULL,
	"state" text NOT NULL,
	"held_on" date,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accident_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"accident_id" uuid NOT NULL,
	"step" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_label" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"place" text NOT NULL,
	"deaths" integer NOT NULL,
	"serious_injuries" integer NOT NULL,
	"direct_loss_yuan" double precision NOT NULL,
	"grade" text NOT NULL,
	"description" text NOT NULL,
	"reported_by" uuid NOT NULL,
	"reported_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accident_interviews" ADD CONSTRAINT "accident_interviews_accident_id_accidents_id_fk" FOREIGN KEY ("accident_id") REFERENCES "public"."accidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accident_reports" ADD CONSTRAINT "accident_reports_accident_id_accidents_id_fk" FOREIGN KEY ("accident_id") REFERENCES "public"."accidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accidents" ADD CONSTRAINT "accidents_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accident_interviews_party_key" ON "accident_interviews" USING btree ("accident_id","party");--> statement-breakpoint
CREATE UNIQUE INDEX "accident_reports_step_key" ON "accident_reports" USING btree ("accident_id","step");--> statement-breakpoint
CREATE INDEX "accidents_mine_idx" ON "accidents" USING btree ("mine_id","occurred_at");--> statement-breakpoint
CREATE INDEX "accidents_time_idx" ON "accidents" USING btree ("occurred_at");