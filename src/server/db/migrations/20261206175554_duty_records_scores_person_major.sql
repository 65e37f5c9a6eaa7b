CREATE TABLE "duty_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"duty_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"deducted_on" date NOT NULL,
	"points" smallint NOT NULL,
	"reason" text NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "major" text;--> statement-breakpoint
ALTER TABLE "duty_records" ADD CONSTRAINT "duty_records_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_records" ADD CONSTRAINT "duty_records_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_scores" ADD CONSTRAINT "duty_scores_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_scores" ADD CONSTRAINT "duty_scores_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "duty_records_person_day_key" ON "duty_records" USING btree ("person_id","kind","duty_on");--> statement-breakpoint
CREATE INDEX "duty_records_mine_idx" ON "duty_records" USING btree ("mine_id","duty_on");--> statement-breakpoint
CREATE INDEX "duty_scores_person_idx" ON "duty_scores" USING btree ("person_id","deducted_on");--> statement-breakpoint
CREATE INDEX "duty_scores_mine_idx" ON "duty_scores" USING btree ("mine_id","deducted_on");