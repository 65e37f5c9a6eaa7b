CREATE TABLE "coal_device_states" (
	"mine_id" uuid NOT NULL,
	"device" text NOT NULL,
	"code" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"run_status" text NOT NULL,
	"power_status" text NOT NULL,
	CONSTRAINT "coal_device_states_mine_id_device_code_at_pk" PRIMARY KEY("mine_id","device","code","at")
);
--> statement-breakpoint
CREATE TABLE "coal_substations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"code" text NOT NULL,
	"location" text NOT NULL,
	"x" double precision,
	"y" double precision,
	"z" double precision,
	"defined_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coal_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"type" text NOT NULL,
	"file_name" text NOT NULL,
	"file_at" timestamp with time zone NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"outcome" text NOT NULL,
	"records" integer NOT NULL,
	"stored" integer NOT NULL,
	"duplicates" integer NOT NULL,
	"refused" integer NOT NULL,
	"problems" jsonb NOT NULL,
	"warnings" jsonb NOT NULL,
	"via" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coal_point_status" (
	"point_id" uuid NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL,
	"status" integer NOT NULL,
	CONSTRAINT "coal_point_status_point_id_ts_pk" PRIMARY KEY("point_id","ts")
);
--> statement-breakpoint
CREATE TABLE "coal_point_thresholds" (
	"point_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"upper_alarm" double precision,
	"upper_alarm_clear" double precision,
	"lower_alarm" double precision,
	"lower_alarm_clear" double precision,
	"upper_power_off" double precision,
	"upper_power_on" double precision,
	"lower_power_off" double precision,
	"lower_power_on" double precision,
	"defined_at" timestamp with time zone NOT NULL,
	"file_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "coal_point_thresholds_point_id_version_pk" PRIMARY KEY("point_id","version")
);
--> statement-breakpoint
CREATE TABLE "coal_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"point_code" text NOT NULL,
	"sensor_id" uuid,
	"system_code" text NOT NULL,
	"substation_code" text NOT NULL,
	"sensor_type" text NOT NULL,
	"value_type" text NOT NULL,
	"unit" text NOT NULL,
	"range_low" double precision,
	"range_high" double precision,
	"on_text" text NOT NULL,
	"off_text" text NOT NULL,
	"location" text NOT NULL,
	"x" double precision,
	"y" double precision,
	"z" double precision,
	"relations" jsonb NOT NULL,
	"threshold_version" integer NOT NULL,
	"defined_at" timestamp with time zone NOT NULL,
	"file_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coal_areas" (
	"mine_id" uuid NOT NULL,
	"area_code" text NOT NULL,
	"area_type" text NOT NULL,
	"name" text NOT NULL,
	"quota" integer NOT NULL,
	"defined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "coal_areas_mine_id_area_code_pk" PRIMARY KEY("mine_id","area_code")
);
--> statement-breakpoint
CREATE TABLE "coal_cards" (
	"mine_id" uuid NOT NULL,
	"card_code" text NOT NULL,
	"name" text NOT NULL,
	"job_kind" text NOT NULL,
	"title" text NOT NULL,
	"team" text NOT NULL,
	"is_leader" boolean,
	"is_special" boolean,
	"defined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "coal_cards_mine_id_card_code_pk" PRIMARY KEY("mine_id","card_code")
);
--> statement-breakpoint
CREATE TABLE "coal_descents" (
	"mine_id" uuid NOT NULL,
	"card_code" text NOT NULL,
	"in_at" timestamp with time zone NOT NULL,
	"out_at" timestamp with time zone,
	"name" text NOT NULL,
	"is_leader" boolean,
	CONSTRAINT "coal_descents_mine_id_card_code_in_at_pk" PRIMARY KEY("mine_id","card_code","in_at")
);
--> statement-breakpoint
CREATE TABLE "coal_headcounts" (
	"mine_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"area_code" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "coal_headcounts_mine_id_at_area_code_pk" PRIMARY KEY("mine_id","at","area_code")
);
--> statement-breakpoint
CREATE TABLE "coal_presence" (
	"mine_id" uuid NOT NULL,
	"card_code" text NOT NULL,
	"name" text NOT NULL,
	"in_out" text NOT NULL,
	"in_at" timestamp with time zone,
	"out_at" timestamp with time zone,
	"area_code" text,
	"area_at" timestamp with time zone,
	"station_code" text,
	"station_at" timestamp with time zone,
	"shift_mode" text NOT NULL,
	"work_status" text NOT NULL,
	"is_leader" boolean,
	"is_special" boolean,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "coal_presence_mine_id_card_code_pk" PRIMARY KEY("mine_id","card_code")
);
--> statement-breakpoint
CREATE TABLE "coal_stations" (
	"mine_id" uuid NOT NULL,
	"station_code" text NOT NULL,
	"name" text NOT NULL,
	"x" double precision,
	"y" double precision,
	"z" double precision,
	"note" text NOT NULL,
	"defined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "coal_stations_mine_id_station_code_pk" PRIMARY KEY("mine_id","station_code")
);
--> statement-breakpoint
CREATE TABLE "coal_abnormal_alarms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"point_code" text NOT NULL,
	"point_id" uuid,
	"abnormal_type" text NOT NULL,
	"start_time" timestamp with time zone NOT NULL,
	"end_time" timestamp with time zone,
	"max" double precision,
	"max_at" timestamp with time zone,
	"min" double precision,
	"min_at" timestamp with time zone,
	"avg" double precision,
	"cause" text NOT NULL,
	"measures" text NOT NULL,
	"entered_at" timestamp with time zone,
	"entered_by" text NOT NULL,
	"data_time" timestamp with time zone NOT NULL,
	"alarm_id" uuid,
	"file_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coal_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"point_id" uuid,
	"alarm_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"summary" text NOT NULL,
	"detail" jsonb NOT NULL,
	"found_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coal_point_episodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mine_id" uuid NOT NULL,
	"point_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"detail" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coal_statistics" (
	"point_id" uuid NOT NULL,
	"start_time" timestamp with time zone NOT NULL,
	"end_time" timestamp with time zone NOT NULL,
	"max" double precision NOT NULL,
	"min" double precision NOT NULL,
	"avg" double precision NOT NULL,
	"agrees" boolean,
	"file_id" uuid NOT NULL,
	CONSTRAINT "coal_statistics_point_id_start_time_pk" PRIMARY KEY("point_id","start_time")
);
--> statement-breakpoint
ALTER TABLE "mines" ADD COLUMN "coal_code" text;--> statement-breakpoint
ALTER TABLE "coal_device_states" ADD CONSTRAINT "coal_device_states_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_substations" ADD CONSTRAINT "coal_substations_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_files" ADD CONSTRAINT "coal_files_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_point_status" ADD CONSTRAINT "coal_point_status_point_id_coal_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."coal_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_point_thresholds" ADD CONSTRAINT "coal_point_thresholds_point_id_coal_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."coal_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_point_thresholds" ADD CONSTRAINT "coal_point_thresholds_file_id_coal_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."coal_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_points" ADD CONSTRAINT "coal_points_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_points" ADD CONSTRAINT "coal_points_sensor_id_monitoring_sensors_id_fk" FOREIGN KEY ("sensor_id") REFERENCES "public"."monitoring_sensors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_points" ADD CONSTRAINT "coal_points_file_id_coal_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."coal_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_areas" ADD CONSTRAINT "coal_areas_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_cards" ADD CONSTRAINT "coal_cards_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_descents" ADD CONSTRAINT "coal_descents_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_headcounts" ADD CONSTRAINT "coal_headcounts_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_presence" ADD CONSTRAINT "coal_presence_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_stations" ADD CONSTRAINT "coal_stations_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_abnormal_alarms" ADD CONSTRAINT "coal_abnormal_alarms_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_abnormal_alarms" ADD CONSTRAINT "coal_abnormal_alarms_point_id_coal_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."coal_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_abnormal_alarms" ADD CONSTRAINT "coal_abnormal_alarms_alarm_id_alarms_id_fk" FOREIGN KEY ("alarm_id") REFERENCES "public"."alarms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_abnormal_alarms" ADD CONSTRAINT "coal_abnormal_alarms_file_id_coal_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."coal_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_findings" ADD CONSTRAINT "coal_findings_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_findings" ADD CONSTRAINT "coal_findings_point_id_coal_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."coal_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_findings" ADD CONSTRAINT "coal_findings_alarm_id_alarms_id_fk" FOREIGN KEY ("alarm_id") REFERENCES "public"."alarms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_point_episodes" ADD CONSTRAINT "coal_point_episodes_mine_id_mines_id_fk" FOREIGN KEY ("mine_id") REFERENCES "public"."mines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_point_episodes" ADD CONSTRAINT "coal_point_episodes_point_id_coal_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."coal_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_statistics" ADD CONSTRAINT "coal_statistics_point_id_coal_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."coal_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coal_statistics" ADD CONSTRAINT "coal_statistics_file_id_coal_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."coal_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "coal_substations_mine_code_key" ON "coal_substations" USING btree ("mine_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "coal_files_mine_sha_key" ON "coal_files" USING btree ("mine_id","sha256");--> statement-breakpoint
CREATE INDEX "coal_files_mine_type_idx" ON "coal_files" USING btree ("mine_id","type","file_at");--> statement-breakpoint
CREATE UNIQUE INDEX "coal_points_mine_code_key" ON "coal_points" USING btree ("mine_id","point_code");--> statement-breakpoint
CREATE INDEX "coal_points_sensor_idx" ON "coal_points" USING btree ("sensor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "coal_abnormal_alarms_key" ON "coal_abnormal_alarms" USING btree ("mine_id","point_code","abnormal_type","start_time");--> statement-breakpoint
CREATE INDEX "coal_abnormal_alarms_alarm_idx" ON "coal_abnormal_alarms" USING btree ("alarm_id");--> statement-breakpoint
CREATE INDEX "coal_abnormal_alarms_point_idx" ON "coal_abnormal_alarms" USING btree ("point_id","start_time");--> statement-breakpoint
CREATE UNIQUE INDEX "coal_findings_kind_subject_key" ON "coal_findings" USING btree ("kind","subject");--> statement-breakpoint
CREATE INDEX "coal_findings_mine_idx" ON "coal_findings" USING btree ("mine_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "coal_point_episodes_point_kind_start_key" ON "coal_point_episodes" USING btree ("point_id","kind","started_at");--> statement-breakpoint
CREATE INDEX "coal_point_episodes_mine_idx" ON "coal_point_episodes" USING btree ("mine_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mines_coal_code_key" ON "mines" USING btree ("coal_code") WHERE "mines"."coal_code" IS NOT NULL;