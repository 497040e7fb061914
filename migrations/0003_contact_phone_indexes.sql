-- Cross-checks join employment contacts with other persons' phones (furnishing/cross-checks):
-- these keep that join an index lookup per phone instead of a scan of every person's records.
CREATE INDEX IF NOT EXISTS "identity_records_open_phone_idx" ON "identity_records" ("phone") WHERE "superseded_at" IS NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "employment_records_open_employer_phone_idx" ON "employment_records" ("employer_phone") WHERE "superseded_at" IS NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "employment_records_open_referees_idx" ON "employment_records" USING gin ("referees" jsonb_path_ops) WHERE "superseded_at" IS NULL;
