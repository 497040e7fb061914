-- The access log, partitioned by month on "at", append-only, with its chain head.
-- drizzle-kit cannot express partitioning, so the plain table it made is rebuilt here
-- with the same columns, keys and index names.
DROP TABLE "access_log";
--> statement-breakpoint
CREATE TABLE "access_log" (
	"seq" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"request_id" text NOT NULL,
	"principal_id" integer NOT NULL,
	"organisation_id" integer,
	"licence_id" integer,
	"purpose" text,
	"case_reference" text,
	"consent_id" integer,
	"subject_id" uuid,
	"outcome" text NOT NULL,
	"reason" text,
	"disclosed" text[] NOT NULL,
	"denied" text[] NOT NULL,
	"operation_name" text,
	"operation_hash" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "access_log_seq_at_pk" PRIMARY KEY("seq","at")
) PARTITION BY RANGE ("at");
--> statement-breakpoint
CREATE INDEX "access_log_org_at_idx" ON "access_log" USING btree ("organisation_id","at");
--> statement-breakpoint
CREATE INDEX "access_log_subject_at_idx" ON "access_log" USING btree ("subject_id","at");
--> statement-breakpoint
CREATE INDEX "access_log_seq_idx" ON "access_log" USING btree ("seq");
--> statement-breakpoint
-- Rows outside every monthly partition land here rather than fail; the server creates
-- the coming months' partitions at start (audit/partitions.ts).
CREATE TABLE "access_log_default" PARTITION OF "access_log" DEFAULT;
--> statement-breakpoint
DO $$
DECLARE m date := date '2026-01-01';
BEGIN
  WHILE m < date '2028-01-01' LOOP
    EXECUTE format(
      'CREATE TABLE IF NOT EXISTS %I PARTITION OF access_log FOR VALUES FROM (%L) TO (%L)',
      'access_log_' || to_char(m, 'YYYY_MM'), m, (m + interval '1 month')::date);
    m := (m + interval '1 month')::date;
  END LOOP;
END $$;
--> statement-breakpoint
INSERT INTO "access_log_head" ("id", "seq", "hash", "at")
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', '1970-01-01T00:00:00Z');
--> statement-breakpoint
-- Entries are never changed or removed, whoever asks: verification would find it, but the
-- database refuses it first. (A superuser can still disable the trigger; the hash chain is
-- what proves that nobody did.)
CREATE FUNCTION "access_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the access log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER "access_log_append_only" BEFORE UPDATE OR DELETE ON "access_log"
FOR EACH ROW EXECUTE FUNCTION "access_log_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "access_log_no_truncate" BEFORE TRUNCATE ON "access_log"
FOR EACH STATEMENT EXECUTE FUNCTION "access_log_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "access_log_head_no_delete" BEFORE DELETE OR TRUNCATE ON "access_log_head"
FOR EACH STATEMENT EXECUTE FUNCTION "access_log_refuse_change"();
