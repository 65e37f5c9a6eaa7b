-- 四不两直 by default, and 异地交叉执法 arrangements with their pool of inspectors (执法人才库).
CREATE TABLE "cross_inspection_arrangements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"organisation_region" text,
	"target_region" text NOT NULL,
	"unit_ids" uuid[] NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cross_inspection_members" (
	"arrangement_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "cross_inspection_members_arrangement_id_user_id_pk" PRIMARY KEY("arrangement_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "cross_arrangement_id" uuid;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "announced_reason" text;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "announced_note" text;--> statement-breakpoint
ALTER TABLE "cross_inspection_arrangements" ADD CONSTRAINT "cross_inspection_arrangements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cross_inspection_arrangements" ADD CONSTRAINT "cross_inspection_arrangements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cross_inspection_members" ADD CONSTRAINT "cross_inspection_members_arrangement_id_cross_inspection_arrangements_id_fk" FOREIGN KEY ("arrangement_id") REFERENCES "public"."cross_inspection_arrangements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cross_inspection_members" ADD CONSTRAINT "cross_inspection_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cross_inspection_arrangements_period_idx" ON "cross_inspection_arrangements" USING btree ("ends_on","starts_on");--> statement-breakpoint
CREATE INDEX "cross_inspection_members_user_idx" ON "cross_inspection_members" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_cross_arrangement_id_cross_inspection_arrangements_id_fk" FOREIGN KEY ("cross_arrangement_id") REFERENCES "public"."cross_inspection_arrangements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspections_cross_idx" ON "inspections" USING btree ("cross_arrangement_id");--> statement-breakpoint
-- 《2024年矿山安全生产工作要点》第41条: every inspection is 四不两直 unless an announced reason is recorded. Records made
-- before that and not recorded as 四不两直 keep that: they count as announced, with the reason stated, so past
-- statistics do not change; the kind 四不两直 becomes the type 常规.
UPDATE "inspections" SET "announced_reason" = '其他', "announced_note" = '“四不两直”成为默认检查方式之前录入, 当时未记为四不两直' WHERE "kind" <> '四不两直';--> statement-breakpoint
UPDATE "inspections" SET "kind" = '常规' WHERE "kind" = '四不两直';--> statement-breakpoint
-- Every planned visit is 四不两直: the visit's kind (常规 or 四不两直) has no meaning left.
ALTER TABLE "inspection_plan_visits" DROP COLUMN "kind";