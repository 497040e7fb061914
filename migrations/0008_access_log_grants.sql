ALTER TABLE "access_log" ADD COLUMN "grants" text[];--> statement-breakpoint
ALTER TABLE "access_log" ADD COLUMN "reached_by" text;