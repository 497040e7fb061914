-- Bulk loads write a thousand versions per statement; per-row triggers ran one INSERT per row
-- into contact_phones. Statement triggers over transition tables do it in one set-based
-- statement per insert or update.
DROP TRIGGER "identity_records_contact_phones" ON "identity_records";
--> statement-breakpoint
DROP TRIGGER "employment_records_contact_phones" ON "employment_records";
--> statement-breakpoint
DROP FUNCTION "contact_phones_track"();
--> statement-breakpoint
CREATE FUNCTION "contact_phones_identity_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_phones (phone, person_id, record_kind, record_id, source_id, source_record_id, content_hash, role, employer)
  SELECT n.phone, n.person_id, 'identity', n.id, n.source_id, n.source_record_id, n.content_hash, 'SUBJECT', NULL
  FROM added n
  WHERE n.superseded_at IS NULL AND n.phone IS NOT NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "contact_phones_employment_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_phones (phone, person_id, record_kind, record_id, source_id, source_record_id, content_hash, role, employer)
  SELECT c.phone, n.person_id, 'employment', n.id, n.source_id, n.source_record_id, n.content_hash, c.role, n.employer
  FROM added n
  CROSS JOIN LATERAL (
    SELECT n.employer_phone AS phone, 'EMPLOYER' AS role
    UNION ALL
    SELECT r->>'phone', 'REFEREE' FROM jsonb_array_elements(n.referees) r
  ) c
  WHERE n.superseded_at IS NULL AND c.phone IS NOT NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A version closed (superseded_at set) takes its phones out. An id list probes the record
-- index whatever the table's statistics say.
CREATE FUNCTION "contact_phones_closed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM contact_phones
  WHERE record_kind = TG_ARGV[0]
    AND record_id = ANY (ARRAY(
      SELECT n.id FROM after_update n JOIN before_update o ON o.id = n.id
      WHERE o.superseded_at IS NULL AND n.superseded_at IS NOT NULL));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "identity_records_contact_phones_added" AFTER INSERT ON "identity_records"
REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "contact_phones_identity_added"();
--> statement-breakpoint
CREATE TRIGGER "employment_records_contact_phones_added" AFTER INSERT ON "employment_records"
REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "contact_phones_employment_added"();
--> statement-breakpoint
CREATE TRIGGER "identity_records_contact_phones_closed" AFTER UPDATE ON "identity_records"
REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update FOR EACH STATEMENT EXECUTE FUNCTION "contact_phones_closed"('identity');
--> statement-breakpoint
CREATE TRIGGER "employment_records_contact_phones_closed" AFTER UPDATE ON "employment_records"
REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update FOR EACH STATEMENT EXECUTE FUNCTION "contact_phones_closed"('employment');
--> statement-breakpoint
-- Lookups of the shared-contact check before contact_phones existed; nothing reads them now,
-- and every bulk insert paid for them (the GIN index over referees most of all).
DROP INDEX IF EXISTS "identity_records_open_phone_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "employment_records_open_employer_phone_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "employment_records_open_referees_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "employment_records_open_phone_employer_idx";
