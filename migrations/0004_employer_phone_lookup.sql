-- The shared-contact cross-check asks, per employer phone, for one record of another employer:
-- with the employer in the index that is two short range probes instead of a scan of everyone
-- who works there.
CREATE INDEX IF NOT EXISTS "employment_records_open_phone_employer_idx" ON "employment_records" ("employer_phone", "employer") WHERE "superseded_at" IS NULL;
