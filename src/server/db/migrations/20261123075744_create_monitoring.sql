CREATE TABLE "alarm_ack_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"alarm_id" uuid NOT NULL,
	"recipient" text NOT NULL,
	"recipient_name" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "alarm_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"alarm_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"level" text,
	"actor" text,
	"detail" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alarms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"sensor_id" uuid,
	"facility_id" uuid,
	"subject" text NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"peak_level" text NOT NULL,
	"state" text NOT NULL,
	"detail" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"triggered_at" timestamp with time zone NOT NULL,
	"last_value" double precision,
	"clear_since" timestamp with time zone,
	"suppressed" boolean DEFAULT false NOT NULL,
	"call_step" integer DEFAULT 0 NOT NULL,
	"call_round" integer DEFAULT 0 NOT NULL,
	"step_started_at" timestamp with time zone,
	"next_call_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"responded_at" timestamp with time zone,
	"response_due_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"close_note" text
);
--> statement-breakpoint
CREATE TABLE "maintenance_windows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"sensor_id" uuid,
	"facility_id" uuid,
	"reason" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "monitoring_facilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_sensors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"no" integer GENERATED ALWAYS AS IDENTITY (sequence name "monitoring_sensors_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"mine_id" uuid NOT NULL,
	"facility_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"quantity" text NOT NULL,
	"item" text NOT NULL,
	"location" text,
	"unit" text NOT NULL,
	"spec" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"last_reading_at" timestamp with time zone,
	"last_value" double precision,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "monitoring_sensors_no_unique" UNIQUE("no")
);
--> statement-breakpoint
CREATE TABLE "reading_stats_5m" (
	"sensor_no" integer NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"min" double precision NOT NULL,
	"max" double precision NOT NULL,
	"sum" double precision NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "reading_stats_5m_sensor_no_bucket_pk" PRIMARY KEY("sensor_no","bucket")
);
--> statement-breakpoint
CREATE TABLE "readings" (
	"sensor_no" integer NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "readings_sensor_no_ts_pk" PRIMARY KEY("sensor_no","ts")
) PARTITION BY RANGE ("ts");
--> statement-breakpoint
ALTER TABLE "alarm_ack_tokens" ADD CONSTRAINT "alarm_ack_tokens_alarm_id_alarms_id_fk" FOREIGN KEY ("alarm_id") REFERENCES "public"."alarms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarm_events" ADD CONSTRAINT "alarm_events_alarm_id_alarms_id_fk" FOREIGN KEY ("alarm_id") REFERENCES "public"."alarms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarms" ADD CONSTRAINT "alarms_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarms" ADD CONSTRAINT "alarms_sensor_id_monitoring_sensors_id_fk" FOREIGN KEY ("sensor_id") REFERENCES "public"."monitoring_sensors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alarms" ADD CONSTRAINT "alarms_facility_id_monitoring_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."monitoring_facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_sensor_id_monitoring_sensors_id_fk" FOREIGN KEY ("sensor_id") REFERENCES "public"."monitoring_sensors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_facility_id_monitoring_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."monitoring_facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_facilities" ADD CONSTRAINT "monitoring_facilities_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_sensors" ADD CONSTRAINT "monitoring_sensors_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_sensors" ADD CONSTRAINT "monitoring_sensors_facility_id_monitoring_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."monitoring_facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alarm_events_alarm_idx" ON "alarm_events" USING btree ("alarm_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "alarms_open_subject_kind_key" ON "alarms" USING btree ("subject","kind") WHERE "alarms"."closed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "alarms_mine_idx" ON "alarms" USING btree ("mine_id","opened_at");--> statement-breakpoint
CREATE INDEX "alarms_next_call_idx" ON "alarms" USING btree ("next_call_at") WHERE "alarms"."next_call_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "maintenance_windows_mine_idx" ON "maintenance_windows" USING btree ("mine_id","ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_facilities_mine_code_key" ON "monitoring_facilities" USING btree ("mine_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_sensors_mine_code_key" ON "monitoring_sensors" USING btree ("mine_id","code");--> statement-breakpoint
CREATE INDEX "monitoring_sensors_facility_idx" ON "monitoring_sensors" USING btree ("facility_id");--> statement-breakpoint
CREATE INDEX "reading_stats_5m_bucket_idx" ON "reading_stats_5m" USING btree ("bucket");--> statement-breakpoint
-- Monthly partitions of readings (UTC months), created on demand by the ingest writer; retention drops
-- whole partitions. Racing creators are harmless.
CREATE FUNCTION monitoring_ensure_partition(month_start date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  part text := 'readings_' || to_char(month_start, 'YYYYMM');
  lo timestamptz := (date_trunc('month', month_start)::timestamp AT TIME ZONE 'UTC');
  hi timestamptz := ((date_trunc('month', month_start) + interval '1 month')::timestamp AT TIME ZONE 'UTC');
BEGIN
  IF to_regclass(part) IS NULL THEN
    BEGIN
      EXECUTE format('CREATE TABLE %I PARTITION OF readings FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
    EXCEPTION WHEN duplicate_table THEN NULL;
    END;
  END IF;
END $$;
