CREATE TABLE "coal_forward_queue" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"target_key" text NOT NULL,
	"file_id" uuid NOT NULL,
	"mine_id" uuid NOT NULL,
	"type" text NOT NULL,
	"file_name" text NOT NULL,
	"file_at" timestamp with time zone NOT NULL,
	"content" "bytea",
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coal_forward_targets" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"address" text NOT NULL,
	"active" boolean NOT NULL,
	"leased_by" text,
	"leased_until" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coal_forward_queue" ADD CONSTRAINT "coal_forward_queue_target_key_coal_forward_targets_key_fk" FOREIGN KEY ("target_key") REFERENCES "public"."coal_forward_targets"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_forward_queue" ADD CONSTRAINT "coal_forward_queue_file_id_coal_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."coal_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_forward_queue" ADD CONSTRAINT "coal_forward_queue_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "coal_forward_queue_target_file_key" ON "coal_forward_queue" USING btree ("target_key","file_id");--> statement-breakpoint
CREATE INDEX "coal_forward_queue_pending_idx" ON "coal_forward_queue" USING btree ("target_key","mine_id","file_at","id") WHERE "coal_forward_queue"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "coal_forward_queue_mine_idx" ON "coal_forward_queue" USING btree ("mine_id","target_key","status");