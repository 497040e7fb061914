CREATE TABLE "application_identities" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"source_id" integer NOT NULL,
	"source_record_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone,
	"verification" "verification_status" DEFAULT 'UNVERIFIED' NOT NULL,
	"content_hash" text NOT NULL,
	"application_reference" text NOT NULL,
	"applied_on" date NOT NULL,
	"name" text NOT NULL,
	"birth_date" date,
	"phone" text,
	"address" text,
	"employer" text
);
--> statement-breakpoint
ALTER TABLE "application_identities" ADD CONSTRAINT "application_identities_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_identities" ADD CONSTRAINT "application_identities_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "application_identities_open_version_uq" ON "application_identities" USING btree ("source_id","source_record_id") WHERE superseded_at is null;--> statement-breakpoint
CREATE INDEX "application_identities_person_idx" ON "application_identities" USING btree ("person_id","recorded_at");--> statement-breakpoint
CREATE INDEX "application_identities_record_idx" ON "application_identities" USING btree ("source_id","source_record_id","recorded_at");