-- 《2024年矿山安全生产工作要点》第41条: every inspection is 四不两直 unless an announced reason is recorded.
ALTER TABLE "inspections" ADD COLUMN "announced_reason" text;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "announced_note" text;--> statement-breakpoint
-- Records made before 四不两直 became the default and not recorded as 四不两直 keep that: they count as
-- announced, with the reason stated, so past statistics do not change.
UPDATE "inspections" SET "announced_reason" = '其他', "announced_note" = '“四不两直”成为默认检查方式之前录入, 当时未记为四不两直' WHERE "kind" <> '四不两直';--> statement-breakpoint
UPDATE "inspections" SET "kind" = '常规' WHERE "kind" = '四不两直';--> statement-breakpoint
-- Every planned visit is 四不两直: the visit's kind (常规 or 四不两直) has no meaning left.
ALTER TABLE "inspection_plan_visits" DROP COLUMN "kind";
