CREATE TABLE "stopped_mine_patrols" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"findings" text NOT NULL,
	"user_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stopped_mine_wardens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"assigned_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stopped_patrol_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patrol_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stopped_rectification_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"measures" text NOT NULL,
	"responsible_person" text NOT NULL,
	"complete_by" date NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stopped_work_declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"description" text NOT NULL,
	"sites" jsonb NOT NULL,
	"max_power_kwh" double precision NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"per_site_limit" integer NOT NULL,
	"state" text NOT NULL,
	"reject_reason" text,
	"rejected_by" uuid,
	"rejected_at" timestamp with time zone,
	"filed_by" uuid NOT NULL,
	"filed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stopped_mine_patrols" ADD CONSTRAINT "stopped_mine_patrols_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stopped_mine_patrols" ADD CONSTRAINT "stopped_mine_patrols_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stopped_mine_wardens" ADD CONSTRAINT "stopped_mine_wardens_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stopped_mine_wardens" ADD CONSTRAINT "stopped_mine_wardens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stopped_mine_wardens" ADD CONSTRAINT "stopped_mine_wardens_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stopped_patrol_photos" ADD CONSTRAINT "stopped_patrol_photos_patrol_id_stopped_mine_patrols_id_fk" FOREIGN KEY ("patrol_id") REFERENCES "public"."stopped_mine_patrols"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stopped_rectification_plans" ADD CONSTRAINT "stopped_rectification_plans_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stopped_rectification_plans" ADD CONSTRAINT "stopped_rectification_plans_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stopped_work_declarations" ADD CONSTRAINT "stopped_work_declarations_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stopped_work_declarations" ADD CONSTRAINT "stopped_work_declarations_plan_id_stopped_rectification_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."stopped_rectification_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stopped_work_declarations" ADD CONSTRAINT "stopped_work_declarations_rejected_by_users_id_fk" FOREIGN KEY ("rejected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stopped_work_declarations" ADD CONSTRAINT "stopped_work_declarations_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stopped_mine_patrols_mine_idx" ON "stopped_mine_patrols" USING btree ("mine_id","visited_at");--> statement-breakpoint
CREATE INDEX "stopped_mine_wardens_mine_idx" ON "stopped_mine_wardens" USING btree ("mine_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stopped_patrol_photos_sha_key" ON "stopped_patrol_photos" USING btree ("patrol_id","sha256");--> statement-breakpoint
CREATE INDEX "stopped_rectification_plans_mine_idx" ON "stopped_rectification_plans" USING btree ("mine_id","filed_at");--> statement-breakpoint
CREATE INDEX "stopped_work_declarations_mine_idx" ON "stopped_work_declarations" USING btree ("mine_id","ends_on");