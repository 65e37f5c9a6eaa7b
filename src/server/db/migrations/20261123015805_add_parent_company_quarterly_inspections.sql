DROP INDEX "self_inspection_reports_mine_period_key";--> statement-breakpoint
ALTER TABLE "self_inspection_reports" ADD COLUMN "kind" text DEFAULT '月度自查' NOT NULL;--> statement-breakpoint
ALTER TABLE "self_inspection_reports" ADD COLUMN "inspected_on" date;--> statement-breakpoint
ALTER TABLE "self_inspection_reports" ADD COLUMN "went_underground" boolean;--> statement-breakpoint
CREATE UNIQUE INDEX "self_inspection_reports_mine_kind_period_key" ON "self_inspection_reports" USING btree ("mine_id","kind","period");