ALTER TYPE "public"."principal_kind" ADD VALUE 'CONSENT_MANAGER';--> statement-breakpoint
CREATE TABLE "consent_artefacts" (
	"jti" text PRIMARY KEY NOT NULL,
	"issuer_organisation_id" integer NOT NULL,
	"kid" text,
	"person_id" uuid,
	"grantee_organisation_id" integer,
	"purposes" text[] DEFAULT '{}'::text[] NOT NULL,
	"categories" text[],
	"lookback_days" integer,
	"not_before" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"max_uses" integer,
	"use_count" integer DEFAULT 0 NOT NULL,
	"last_used_at" timestamp with time zone,
	"token_digest" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by_principal_id" integer
);
--> statement-breakpoint
CREATE TABLE "consent_manager_keys" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"kid" text NOT NULL,
	"alg" text NOT NULL,
	"jwk" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "consent_manager_keys_org_kid" UNIQUE("organisation_id","kid")
);
--> statement-breakpoint
CREATE TABLE "consent_managers" (
	"organisation_id" integer PRIMARY KEY NOT NULL,
	"suspended_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "access_log" ADD COLUMN "consent_artefact" text;--> statement-breakpoint
ALTER TABLE "consent_artefacts" ADD CONSTRAINT "consent_artefacts_issuer_organisation_id_organisations_id_fk" FOREIGN KEY ("issuer_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_artefacts" ADD CONSTRAINT "consent_artefacts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_artefacts" ADD CONSTRAINT "consent_artefacts_grantee_organisation_id_organisations_id_fk" FOREIGN KEY ("grantee_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_artefacts" ADD CONSTRAINT "consent_artefacts_revoked_by_principal_id_principals_id_fk" FOREIGN KEY ("revoked_by_principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_manager_keys" ADD CONSTRAINT "consent_manager_keys_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_managers" ADD CONSTRAINT "consent_managers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_artefacts_person_idx" ON "consent_artefacts" USING btree ("person_id","recorded_at");--> statement-breakpoint
CREATE INDEX "consent_artefacts_grantee_person_idx" ON "consent_artefacts" USING btree ("grantee_organisation_id","person_id");