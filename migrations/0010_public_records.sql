ALTER TYPE "public"."source_kind" ADD VALUE 'TAX_AUTHORITY';--> statement-breakpoint
CREATE TABLE "public_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"source_id" integer NOT NULL,
	"source_record_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone,
	"verification" "verification_status" DEFAULT 'UNVERIFIED' NOT NULL,
	"content_hash" text NOT NULL,
	"record_type" text NOT NULL,
	"authority" text NOT NULL,
	"reference_number" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"imposed_on" date NOT NULL,
	"settled_on" date,
	"status" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "public_records" ADD CONSTRAINT "public_records_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_records" ADD CONSTRAINT "public_records_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "public_records_open_version_uq" ON "public_records" USING btree ("source_id","source_record_id") WHERE superseded_at is null;--> statement-breakpoint
CREATE INDEX "public_records_person_idx" ON "public_records" USING btree ("person_id","recorded_at");--> statement-breakpoint
CREATE INDEX "public_records_record_idx" ON "public_records" USING btree ("source_id","source_record_id","recorded_at");