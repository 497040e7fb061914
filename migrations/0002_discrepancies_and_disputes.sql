CREATE TABLE "discrepancies" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"fingerprint" text NOT NULL,
	"records" jsonb NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" integer,
	"resolution" text
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"record_kind" text NOT NULL,
	"source_id" integer NOT NULL,
	"source_record_id" text NOT NULL,
	"record_id" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"prior_verification" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by" integer
);
--> statement-breakpoint
CREATE TABLE "record_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"record_kind" text NOT NULL,
	"source_id" integer NOT NULL,
	"source_record_id" text NOT NULL,
	"action" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"dispute_id" bigint,
	"actor_principal_id" integer,
	"record_id" bigint,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_statements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"record_kind" text NOT NULL,
	"source_id" integer NOT NULL,
	"source_record_id" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"principal_id" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "discrepancies" ADD CONSTRAINT "discrepancies_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_events" ADD CONSTRAINT "record_events_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_events" ADD CONSTRAINT "record_events_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_events" ADD CONSTRAINT "record_events_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_statements" ADD CONSTRAINT "record_statements_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_statements" ADD CONSTRAINT "record_statements_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "discrepancies_fingerprint_uq" ON "discrepancies" USING btree ("fingerprint");--> statement-breakpoint
CREATE INDEX "discrepancies_person_idx" ON "discrepancies" USING btree ("person_id","status");--> statement-breakpoint
CREATE INDEX "discrepancies_status_idx" ON "discrepancies" USING btree ("status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "disputes_one_open_uq" ON "disputes" USING btree ("record_kind","source_id","source_record_id") WHERE status = 'OPEN';--> statement-breakpoint
CREATE INDEX "disputes_record_idx" ON "disputes" USING btree ("record_kind","source_id","source_record_id");--> statement-breakpoint
CREATE INDEX "disputes_source_open_idx" ON "disputes" USING btree ("source_id","status","id");--> statement-breakpoint
CREATE INDEX "record_events_record_idx" ON "record_events" USING btree ("record_kind","source_id","source_record_id","action");--> statement-breakpoint
CREATE INDEX "record_events_person_idx" ON "record_events" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "record_events_dispute_idx" ON "record_events" USING btree ("dispute_id");--> statement-breakpoint
CREATE INDEX "record_statements_record_idx" ON "record_statements" USING btree ("record_kind","source_id","source_record_id","created_at");