CREATE TABLE "coal_point_states" (
	"point_id" uuid NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL,
	"status" integer NOT NULL,
	CONSTRAINT "coal_point_states_point_id_ts_pk" PRIMARY KEY("point_id","ts")
);
--> statement-breakpoint
ALTER TABLE "coal_point_states" ADD CONSTRAINT "coal_point_states_point_id_coal_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."coal_points"("id") ON DELETE no action ON UPDATE no action;