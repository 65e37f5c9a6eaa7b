CREATE TABLE "emergency_drills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"drilled_on" date NOT NULL,
	"participants" integer NOT NULL,
	"findings" text DEFAULT '' NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"title" text NOT NULL,
	"revised_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_exams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid NOT NULL,
	"mine_id" uuid NOT NULL,
	"examined_on" date NOT NULL,
	"person_id" uuid,
	"name" text NOT NULL,
	"post" text DEFAULT '' NOT NULL,
	"score" double precision NOT NULL,
	"passed" boolean NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"post" text NOT NULL,
	"risk_list_on" date,
	"duty_list_on" date,
	"operation_card_on" date,
	"emergency_card_on" date,
	"filed_by" uuid NOT NULL,
	"filed_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rescue_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"team_name" text NOT NULL,
	"signed_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safety_trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"trained_on" date NOT NULL,
	"topic" text NOT NULL,
	"hours" double precision NOT NULL,
	"person_ids" uuid[] NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "self_rescue_practices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"practised_on" date NOT NULL,
	"results" jsonb NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "emergency_drills" ADD CONSTRAINT "emergency_drills_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_plans" ADD CONSTRAINT "emergency_plans_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_exams" ADD CONSTRAINT "inspection_exams_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_exams" ADD CONSTRAINT "inspection_exams_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_cards" ADD CONSTRAINT "post_cards_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rescue_agreements" ADD CONSTRAINT "rescue_agreements_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_trainings" ADD CONSTRAINT "safety_trainings_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_rescue_practices" ADD CONSTRAINT "self_rescue_practices_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "emergency_drills_mine_idx" ON "emergency_drills" USING btree ("mine_id","kind","drilled_on");--> statement-breakpoint
CREATE INDEX "emergency_plans_mine_idx" ON "emergency_plans" USING btree ("mine_id","revised_on");--> statement-breakpoint
CREATE INDEX "inspection_exams_inspection_idx" ON "inspection_exams" USING btree ("inspection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "post_cards_mine_post_key" ON "post_cards" USING btree ("mine_id","post");--> statement-breakpoint
CREATE INDEX "rescue_agreements_mine_idx" ON "rescue_agreements" USING btree ("mine_id","valid_until");--> statement-breakpoint
CREATE INDEX "safety_trainings_mine_idx" ON "safety_trainings" USING btree ("mine_id","trained_on");--> statement-breakpoint
CREATE INDEX "self_rescue_practices_mine_idx" ON "self_rescue_practices" USING btree ("mine_id","practised_on");