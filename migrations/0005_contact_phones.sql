CREATE TABLE "contact_phones" (
	"phone" text NOT NULL,
	"person_id" uuid NOT NULL,
	"record_kind" text NOT NULL,
	"record_id" bigint NOT NULL,
	"source_id" integer NOT NULL,
	"source_record_id" text NOT NULL,
	"content_hash" text NOT NULL,
	"role" text NOT NULL,
	"employer" text
);
--> statement-breakpoint
CREATE INDEX "contact_phones_subject_idx" ON "contact_phones" USING btree ("phone") WHERE role = 'SUBJECT';--> statement-breakpoint
CREATE INDEX "contact_phones_work_idx" ON "contact_phones" USING btree ("phone","employer") WHERE role <> 'SUBJECT';--> statement-breakpoint
CREATE INDEX "contact_phones_person_idx" ON "contact_phones" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "contact_phones_record_idx" ON "contact_phones" USING btree ("record_kind","record_id");