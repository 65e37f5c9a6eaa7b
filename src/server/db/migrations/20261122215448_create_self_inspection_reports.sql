CREATE TABLE "self_inspection_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"period" text NOT NULL,
	"zero_report" boolean NOT NULL,
	"hazard_count" integer NOT NULL,
	"signed_by" text NOT NULL,
	"note" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by" uuid
);
--> statement-breakpoint
ALTER TABLE "self_inspection_reports" ADD CONSTRAINT "self_inspection_reports_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "self_inspection_reports_mine_period_key" ON "self_inspection_reports" USING btree ("mine_id","period");