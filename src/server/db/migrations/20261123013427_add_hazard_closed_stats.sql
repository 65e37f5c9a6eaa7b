CREATE TABLE "hazard_closed_stats" (
	"county_code" text NOT NULL,
	"dim" text NOT NULL,
	"key" text NOT NULL,
	"part" text DEFAULT '' NOT NULL,
	"closed" integer NOT NULL,
	CONSTRAINT "hazard_closed_stats_county_code_dim_key_part_pk" PRIMARY KEY("county_code","dim","key","part")
);
--> statement-breakpoint
CREATE INDEX "hazards_found_idx" ON "hazards" USING btree ("found_on","id");--> statement-breakpoint
CREATE INDEX "hazards_repeat_mine_idx" ON "hazards" USING btree ("mine_id") WHERE "hazards"."repeat_of" IS NOT NULL;