ALTER TABLE "users" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "webhook_outbox" ADD COLUMN "channel" text DEFAULT 'webhook' NOT NULL;