CREATE TABLE "pit_pond_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"slope" text,
	"recorded_on" date NOT NULL,
	"document" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pond_closures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"opened_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"steps" jsonb NOT NULL,
	"delisted_on" date,
	"opened_by" uuid NOT NULL,
	"opened_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pit_pond_records" ADD CONSTRAINT "pit_pond_records_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pond_closures" ADD CONSTRAINT "pond_closures_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pit_pond_records_mine_idx" ON "pit_pond_records" USING btree ("mine_id","kind","recorded_on");--> statement-breakpoint
CREATE UNIQUE INDEX "pond_closures_mine_key" ON "pond_closures" USING btree ("mine_id");