CREATE TABLE "monitoring_pending_folds" (
	"sensor_id" uuid PRIMARY KEY NOT NULL,
	"since" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "monitoring_pending_folds" ADD CONSTRAINT "monitoring_pending_folds_sensor_id_monitoring_sensors_id_fk" FOREIGN KEY ("sensor_id") REFERENCES "public"."monitoring_sensors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alarms_sensor_time_idx" ON "alarms" USING btree ("sensor_id","triggered_at");