ALTER TABLE "mines" ADD COLUMN "mechanized_on" date;--> statement-breakpoint
ALTER TABLE "mines" ADD COLUMN "video_monitored_on" date;--> statement-breakpoint
ALTER TABLE "mines" ADD COLUMN "informatized_on" date;