-- Keep contact_phones in step with the identity and employment versions in force: a new
-- open version adds its phones, closing a version (superseded_at set) removes them.
CREATE FUNCTION "contact_phones_track"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.superseded_at IS NULL AND NEW.superseded_at IS NOT NULL THEN
      DELETE FROM contact_phones WHERE record_kind = TG_ARGV[0] AND record_id = NEW.id;
    END IF;
    RETURN NULL;
  END IF;
  IF NEW.superseded_at IS NOT NULL THEN
    RETURN NULL;
  END IF;
  IF TG_ARGV[0] = 'identity' THEN
    INSERT INTO contact_phones (phone, person_id, record_kind, record_id, source_id, source_record_id, content_hash, role, employer)
    SELECT NEW.phone, NEW.person_id, 'identity', NEW.id, NEW.source_id, NEW.source_record_id, NEW.content_hash, 'SUBJECT', NULL
    WHERE NEW.phone IS NOT NULL;
  ELSE
    INSERT INTO contact_phones (phone, person_id, record_kind, record_id, source_id, source_record_id, content_hash, role, employer)
    SELECT c.phone, NEW.person_id, 'employment', NEW.id, NEW.source_id, NEW.source_record_id, NEW.content_hash, c.role, NEW.employer
    FROM (
      SELECT NEW.employer_phone AS phone, 'EMPLOYER' AS role
      UNION ALL
      SELECT r->>'phone', 'REFEREE' FROM jsonb_array_elements(NEW.referees) r
    ) c
    WHERE c.phone IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "identity_records_contact_phones" AFTER INSERT OR UPDATE OF superseded_at ON "identity_records"
FOR EACH ROW EXECUTE FUNCTION "contact_phones_track"('identity');
--> statement-breakpoint
CREATE TRIGGER "employment_records_contact_phones" AFTER INSERT OR UPDATE OF superseded_at ON "employment_records"
FOR EACH ROW EXECUTE FUNCTION "contact_phones_track"('employment');
--> statement-breakpoint
-- Records stored before this migration.
INSERT INTO contact_phones (phone, person_id, record_kind, record_id, source_id, source_record_id, content_hash, role, employer)
SELECT phone, person_id, 'identity', id, source_id, source_record_id, content_hash, 'SUBJECT', NULL
FROM identity_records WHERE superseded_at IS NULL AND phone IS NOT NULL;
--> statement-breakpoint
INSERT INTO contact_phones (phone, person_id, record_kind, record_id, source_id, source_record_id, content_hash, role, employer)
SELECT c.phone, e.person_id, 'employment', e.id, e.source_id, e.source_record_id, e.content_hash, c.role, e.employer
FROM employment_records e
CROSS JOIN LATERAL (
  SELECT e.employer_phone AS phone, 'EMPLOYER' AS role
  UNION ALL
  SELECT r->>'phone', 'REFEREE' FROM jsonb_array_elements(e.referees) r
) c
WHERE e.superseded_at IS NULL AND c.phone IS NOT NULL;
