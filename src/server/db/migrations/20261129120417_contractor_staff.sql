CREATE TABLE "contractor_staff" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contractor_id" uuid NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"id_number_cipher" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"id_number_digest" text NOT NULL,
	"employment" text NOT NULL,
	"education" text,
	"related_major" boolean DEFAULT false NOT NULL,
	"title" text,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contractor_staff" ADD CONSTRAINT "contractor_staff_contractor_id_contractors_id_fk" FOREIGN KEY ("contractor_id") REFERENCES "public"."contractors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contractor_staff_contractor_idx" ON "contractor_staff" USING btree ("contractor_id");--> statement-breakpoint
CREATE INDEX "contractor_staff_digest_idx" ON "contractor_staff" USING btree ("id_number_digest");