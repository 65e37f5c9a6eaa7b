CREATE TABLE "hazard_exposures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hazard_id" uuid NOT NULL,
	"mine_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"exposed_on" date NOT NULL,
	"exposed_by" uuid NOT NULL,
	"exposed_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdrawn_reason" text
);
--> statement-breakpoint
CREATE TABLE "hazard_interview_commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"interview_id" uuid NOT NULL,
	"hazard_id" uuid NOT NULL,
	"text" text NOT NULL,
	"deadline" date NOT NULL,
	"fulfilled_on" date
);
--> statement-breakpoint
CREATE TABLE "hazard_interviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hazard_id" uuid NOT NULL,
	"mine_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"place" text NOT NULL,
	"enterprise_attendees" jsonb NOT NULL,
	"parent_attendees" jsonb NOT NULL,
	"regulator_attendees" jsonb NOT NULL,
	"summary" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_by_label" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enforcement_documents" ALTER COLUMN "inspection_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "enforcement_documents" ADD COLUMN "hazard_id" uuid;--> statement-breakpoint
ALTER TABLE "enforcement_documents" ADD COLUMN "issuer_id" uuid;--> statement-breakpoint
ALTER TABLE "hazard_exposures" ADD CONSTRAINT "hazard_exposures_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_exposures" ADD CONSTRAINT "hazard_exposures_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_exposures" ADD CONSTRAINT "hazard_exposures_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_exposures" ADD CONSTRAINT "hazard_exposures_exposed_by_users_id_fk" FOREIGN KEY ("exposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_exposures" ADD CONSTRAINT "hazard_exposures_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_interview_commitments" ADD CONSTRAINT "hazard_interview_commitments_interview_id_hazard_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."hazard_interviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_interview_commitments" ADD CONSTRAINT "hazard_interview_commitments_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_interviews" ADD CONSTRAINT "hazard_interviews_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_interviews" ADD CONSTRAINT "hazard_interviews_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_interviews" ADD CONSTRAINT "hazard_interviews_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_interviews" ADD CONSTRAINT "hazard_interviews_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hazard_exposures_in_force_key" ON "hazard_exposures" USING btree ("hazard_id") WHERE withdrawn_at IS NULL;--> statement-breakpoint
CREATE INDEX "hazard_interview_commitments_deadline_idx" ON "hazard_interview_commitments" USING btree ("deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "hazard_interviews_hazard_key" ON "hazard_interviews" USING btree ("hazard_id");--> statement-breakpoint
ALTER TABLE "enforcement_documents" ADD CONSTRAINT "enforcement_documents_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_documents" ADD CONSTRAINT "enforcement_documents_issuer_id_users_id_fk" FOREIGN KEY ("issuer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enforcement_documents_hazard_template_key" ON "enforcement_documents" USING btree ("hazard_id","template") WHERE hazard_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE "enforcement_documents" ADD CONSTRAINT "enforcement_documents_subject" CHECK ((inspection_id IS NULL) <> (hazard_id IS NULL));