CREATE TABLE "enforcement_document_revisions" (
	"document_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"fields" jsonb NOT NULL,
	"author_id" uuid NOT NULL,
	"author_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "enforcement_document_revisions_document_id_seq_pk" PRIMARY KEY("document_id","seq")
);
--> statement-breakpoint
CREATE TABLE "enforcement_document_signatures" (
	"document_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"signer_label" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "enforcement_document_signatures_document_id_user_id_pk" PRIMARY KEY("document_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "enforcement_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"penalty_id" uuid,
	"mine_id" uuid NOT NULL,
	"template" text NOT NULL,
	"year" integer NOT NULL,
	"serial" integer NOT NULL,
	"number" text NOT NULL,
	"head_seq" integer NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"criterion_id" uuid,
	"hazard_id" uuid,
	"description" text NOT NULL,
	"location" text NOT NULL,
	"deadline" date,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid NOT NULL,
	"mine_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ordered_on" date NOT NULL,
	"reason" text NOT NULL,
	"accepted_on" date,
	"acceptance_passed" boolean,
	"acceptance_note" text,
	"accepted_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_plan_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"mine_id" uuid NOT NULL,
	"month" smallint NOT NULL,
	"kind" text NOT NULL,
	"planned_on" date NOT NULL,
	"inspection_id" uuid
);
--> statement-breakpoint
CREATE TABLE "inspection_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"params" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"plan_visit_id" uuid,
	"kind" text NOT NULL,
	"inspected_on" date NOT NULL,
	"team_user_ids" uuid[] NOT NULL,
	"body_camera_ref" text,
	"checklist" jsonb NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"recheck_on" date,
	"rechecked_on" date,
	"recheck_result" text,
	"typical" boolean DEFAULT false NOT NULL,
	"typical_note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "penalties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid NOT NULL,
	"mine_id" uuid NOT NULL,
	"target" text NOT NULL,
	"party_name" text NOT NULL,
	"legal_basis" text NOT NULL,
	"facts" text NOT NULL,
	"amount_yuan" double precision NOT NULL,
	"decided_on" date NOT NULL,
	"status" text NOT NULL,
	"paid_on" date,
	"paid_amount_yuan" double precision,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enforcement_document_revisions" ADD CONSTRAINT "enforcement_document_revisions_document_id_enforcement_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."enforcement_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_document_signatures" ADD CONSTRAINT "enforcement_document_signatures_document_id_enforcement_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."enforcement_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_document_signatures" ADD CONSTRAINT "enforcement_document_signatures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_documents" ADD CONSTRAINT "enforcement_documents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_documents" ADD CONSTRAINT "enforcement_documents_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_documents" ADD CONSTRAINT "enforcement_documents_penalty_id_penalties_id_fk" FOREIGN KEY ("penalty_id") REFERENCES "public"."penalties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_documents" ADD CONSTRAINT "enforcement_documents_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_findings" ADD CONSTRAINT "inspection_findings_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_findings" ADD CONSTRAINT "inspection_findings_criterion_id_hazard_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."hazard_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_findings" ADD CONSTRAINT "inspection_findings_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_orders" ADD CONSTRAINT "inspection_orders_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_orders" ADD CONSTRAINT "inspection_orders_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_photos" ADD CONSTRAINT "inspection_photos_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plan_visits" ADD CONSTRAINT "inspection_plan_visits_plan_id_inspection_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."inspection_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plan_visits" ADD CONSTRAINT "inspection_plan_visits_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalties" ADD CONSTRAINT "penalties_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalties" ADD CONSTRAINT "penalties_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enforcement_documents_number_key" ON "enforcement_documents" USING btree ("organisation_id","template","year","serial");--> statement-breakpoint
CREATE INDEX "enforcement_documents_inspection_idx" ON "enforcement_documents" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "inspection_findings_inspection_idx" ON "inspection_findings" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "inspection_orders_inspection_idx" ON "inspection_orders" USING btree ("inspection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_photos_sha_key" ON "inspection_photos" USING btree ("inspection_id","sha256");--> statement-breakpoint
CREATE INDEX "inspection_plan_visits_plan_idx" ON "inspection_plan_visits" USING btree ("plan_id","month");--> statement-breakpoint
CREATE INDEX "inspection_plan_visits_mine_idx" ON "inspection_plan_visits" USING btree ("mine_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_plans_org_year_key" ON "inspection_plans" USING btree ("organisation_id","year");--> statement-breakpoint
CREATE INDEX "inspections_mine_idx" ON "inspections" USING btree ("mine_id","inspected_on");--> statement-breakpoint
CREATE INDEX "inspections_date_idx" ON "inspections" USING btree ("inspected_on");--> statement-breakpoint
CREATE INDEX "penalties_inspection_idx" ON "penalties" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "penalties_date_idx" ON "penalties" USING btree ("decided_on");--> statement-breakpoint
-- Signed text is kept as it was signed: revisions and signatures are append-only (issue 7 §4).
CREATE FUNCTION enforcement_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '执法文书的修订和签名只能追加，不能修改或删除 (%)', TG_TABLE_NAME;
END;
$$;--> statement-breakpoint
CREATE TRIGGER enforcement_document_revisions_append_only BEFORE UPDATE OR DELETE ON "enforcement_document_revisions"
  FOR EACH ROW EXECUTE FUNCTION enforcement_append_only();--> statement-breakpoint
CREATE TRIGGER enforcement_document_signatures_append_only BEFORE UPDATE OR DELETE ON "enforcement_document_signatures"
  FOR EACH ROW EXECUTE FUNCTION enforcement_append_only();
