CREATE TYPE "public"."source_kind" AS ENUM('IDENTITY_REGISTRY', 'TRAFFIC_AUTHORITY', 'PROPERTY_REGISTRY', 'VEHICLE_REGISTRY', 'EDUCATION_REGISTRY', 'EMPLOYER', 'LENDER', 'CLEARING_HOUSE', 'COURT', 'PARTNER_APP');--> statement-breakpoint
CREATE TYPE "public"."verification_status" AS ENUM('VERIFIED', 'UNVERIFIED', 'CONFLICTING', 'DISPUTED', 'QUARANTINED');--> statement-breakpoint
CREATE TYPE "public"."licence_status" AS ENUM('ACTIVE', 'SUSPENDED', 'REVOKED');--> statement-breakpoint
CREATE TYPE "public"."principal_kind" AS ENUM('SCORER', 'REGULATOR', 'PARTNER', 'FURNISHER', 'SUBJECT');--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" serial PRIMARY KEY NOT NULL,
	"principal_id" integer NOT NULL,
	"key_hash" text NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"organisation_id" integer NOT NULL,
	"purposes" text[] NOT NULL,
	"scope" text[] DEFAULT '{}'::text[] NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"lookback_days" integer DEFAULT 1825 NOT NULL,
	"max_uses" integer DEFAULT 10 NOT NULL,
	"use_count" integer DEFAULT 0 NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" serial PRIMARY KEY NOT NULL,
	"licence_id" integer NOT NULL,
	"category" text NOT NULL,
	"precision" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licences" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"status" "licence_status" DEFAULT 'ACTIVE' NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone NOT NULL,
	"purposes" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" "principal_kind" NOT NULL,
	"source_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "principals" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" "principal_kind" NOT NULL,
	"name" text NOT NULL,
	"organisation_id" integer,
	"person_id" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
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
);
--> statement-breakpoint
CREATE TABLE "access_log_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oversight_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_principal_id" integer NOT NULL,
	"action" text NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "source_kind" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sources_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"national_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_national_id_unique" UNIQUE("national_id")
);
--> statement-breakpoint
CREATE TABLE "court_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"source_id" integer NOT NULL,
	"source_record_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone,
	"verification" "verification_status" DEFAULT 'UNVERIFIED' NOT NULL,
	"content_hash" text NOT NULL,
	"case_number" text NOT NULL,
	"court" text NOT NULL,
	"filed_on" date NOT NULL,
	"role" text NOT NULL,
	"status" text NOT NULL,
	"judgment_on" date,
	"judgment_amount_fen" bigint,
	"judgment_debtor" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_accounts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"source_id" integer NOT NULL,
	"source_record_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone,
	"verification" "verification_status" DEFAULT 'UNVERIFIED' NOT NULL,
	"content_hash" text NOT NULL,
	"lender" text NOT NULL,
	"account_kind" text NOT NULL,
	"limit_fen" bigint NOT NULL,
	"balance_fen" bigint NOT NULL,
	"status" text NOT NULL,
	"days_past_due" integer DEFAULT 0 NOT NULL,
	"opened_on" date NOT NULL,
	"closed_on" date,
	"repayment_history" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "education_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"source_id" integer NOT NULL,
	"source_record_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone,
	"verification" "verification_status" DEFAULT 'UNVERIFIED' NOT NULL,
	"content_hash" text NOT NULL,
	"institution" text NOT NULL,
	"level" text NOT NULL,
	"field" text NOT NULL,
	"graduated_on" date,
	"certificate_number" text NOT NULL,
	"issuer_confirmed" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employment_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"source_id" integer NOT NULL,
	"source_record_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone,
	"verification" "verification_status" DEFAULT 'UNVERIFIED' NOT NULL,
	"content_hash" text NOT NULL,
	"employer" text NOT NULL,
	"occupation" text NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"employer_phone" text,
	"referees" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"source_id" integer NOT NULL,
	"source_record_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone,
	"verification" "verification_status" DEFAULT 'UNVERIFIED' NOT NULL,
	"content_hash" text NOT NULL,
	"national_id" text NOT NULL,
	"name" text NOT NULL,
	"birth_date" date NOT NULL,
	"gender" text,
	"address" text,
	"phone" text
);
--> statement-breakpoint
CREATE TABLE "driver_licences" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"source_id" integer NOT NULL,
	"source_record_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone,
	"verification" "verification_status" DEFAULT 'UNVERIFIED' NOT NULL,
	"content_hash" text NOT NULL,
	"licence_number" text NOT NULL,
	"licence_class" text NOT NULL,
	"status" text NOT NULL,
	"penalty_points" integer DEFAULT 0 NOT NULL,
	"issued_on" date,
	"expires_on" date
);
--> statement-breakpoint
CREATE TABLE "property_certificates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"source_id" integer NOT NULL,
	"source_record_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone,
	"verification" "verification_status" DEFAULT 'UNVERIFIED' NOT NULL,
	"content_hash" text NOT NULL,
	"certificate_number" text NOT NULL,
	"address" text NOT NULL,
	"floor_area_m2" double precision,
	"value_fen" bigint NOT NULL,
	"owner_national_id" text NOT NULL,
	"owner_name" text NOT NULL,
	"status" text NOT NULL,
	"registered_on" date
);
--> statement-breakpoint
CREATE TABLE "vehicle_registrations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"source_id" integer NOT NULL,
	"source_record_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone,
	"verification" "verification_status" DEFAULT 'UNVERIFIED' NOT NULL,
	"content_hash" text NOT NULL,
	"plate_number" text NOT NULL,
	"vin" text NOT NULL,
	"model" text NOT NULL,
	"value_fen" bigint NOT NULL,
	"owner_national_id" text NOT NULL,
	"owner_name" text NOT NULL,
	"status" text NOT NULL,
	"registered_on" date
);
--> statement-breakpoint
CREATE TABLE "payment_transactions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"source_id" integer NOT NULL,
	"source_record_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone,
	"verification" "verification_status" DEFAULT 'UNVERIFIED' NOT NULL,
	"content_hash" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"amount_fen" bigint NOT NULL,
	"direction" text NOT NULL,
	"channel" text NOT NULL,
	"merchant_category" text,
	"counterparty" text
);
--> statement-breakpoint
CREATE TABLE "transaction_months" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"source_id" integer NOT NULL,
	"source_record_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone,
	"verification" "verification_status" DEFAULT 'UNVERIFIED' NOT NULL,
	"content_hash" text NOT NULL,
	"month" text NOT NULL,
	"transaction_count" integer NOT NULL,
	"inflow_fen" bigint NOT NULL,
	"outflow_fen" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_principal_id_principals_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_licence_id_licences_id_fk" FOREIGN KEY ("licence_id") REFERENCES "public"."licences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licences" ADD CONSTRAINT "licences_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "principals" ADD CONSTRAINT "principals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "principals" ADD CONSTRAINT "principals_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_records" ADD CONSTRAINT "court_records_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_records" ADD CONSTRAINT "court_records_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_accounts" ADD CONSTRAINT "credit_accounts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_accounts" ADD CONSTRAINT "credit_accounts_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_records" ADD CONSTRAINT "education_records_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_records" ADD CONSTRAINT "education_records_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employment_records" ADD CONSTRAINT "employment_records_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employment_records" ADD CONSTRAINT "employment_records_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_records" ADD CONSTRAINT "identity_records_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_records" ADD CONSTRAINT "identity_records_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "driver_licences" ADD CONSTRAINT "driver_licences_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "driver_licences" ADD CONSTRAINT "driver_licences_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_certificates" ADD CONSTRAINT "property_certificates_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_certificates" ADD CONSTRAINT "property_certificates_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_registrations" ADD CONSTRAINT "vehicle_registrations_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_registrations" ADD CONSTRAINT "vehicle_registrations_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_transactions" ADD CONSTRAINT "payment_transactions_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_transactions" ADD CONSTRAINT "payment_transactions_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transaction_months" ADD CONSTRAINT "transaction_months_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transaction_months" ADD CONSTRAINT "transaction_months_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_principal_idx" ON "api_keys" USING btree ("principal_id");--> statement-breakpoint
CREATE INDEX "consents_person_org_idx" ON "consents" USING btree ("person_id","organisation_id");--> statement-breakpoint
CREATE INDEX "grants_licence_idx" ON "grants" USING btree ("licence_id");--> statement-breakpoint
CREATE INDEX "access_log_org_at_idx" ON "access_log" USING btree ("organisation_id","at");--> statement-breakpoint
CREATE INDEX "access_log_subject_at_idx" ON "access_log" USING btree ("subject_id","at");--> statement-breakpoint
CREATE INDEX "access_log_seq_idx" ON "access_log" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "oversight_events_at_idx" ON "oversight_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "oversight_events_target_idx" ON "oversight_events" USING btree ("target_kind","target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "court_records_open_version_uq" ON "court_records" USING btree ("source_id","source_record_id") WHERE superseded_at is null;--> statement-breakpoint
CREATE INDEX "court_records_person_idx" ON "court_records" USING btree ("person_id","recorded_at");--> statement-breakpoint
CREATE INDEX "court_records_record_idx" ON "court_records" USING btree ("source_id","source_record_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_accounts_open_version_uq" ON "credit_accounts" USING btree ("source_id","source_record_id") WHERE superseded_at is null;--> statement-breakpoint
CREATE INDEX "credit_accounts_person_idx" ON "credit_accounts" USING btree ("person_id","recorded_at");--> statement-breakpoint
CREATE INDEX "credit_accounts_record_idx" ON "credit_accounts" USING btree ("source_id","source_record_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "education_records_open_version_uq" ON "education_records" USING btree ("source_id","source_record_id") WHERE superseded_at is null;--> statement-breakpoint
CREATE INDEX "education_records_person_idx" ON "education_records" USING btree ("person_id","recorded_at");--> statement-breakpoint
CREATE INDEX "education_records_record_idx" ON "education_records" USING btree ("source_id","source_record_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "employment_records_open_version_uq" ON "employment_records" USING btree ("source_id","source_record_id") WHERE superseded_at is null;--> statement-breakpoint
CREATE INDEX "employment_records_person_idx" ON "employment_records" USING btree ("person_id","recorded_at");--> statement-breakpoint
CREATE INDEX "employment_records_record_idx" ON "employment_records" USING btree ("source_id","source_record_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_records_open_version_uq" ON "identity_records" USING btree ("source_id","source_record_id") WHERE superseded_at is null;--> statement-breakpoint
CREATE INDEX "identity_records_person_idx" ON "identity_records" USING btree ("person_id","recorded_at");--> statement-breakpoint
CREATE INDEX "identity_records_record_idx" ON "identity_records" USING btree ("source_id","source_record_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "driver_licences_open_version_uq" ON "driver_licences" USING btree ("source_id","source_record_id") WHERE superseded_at is null;--> statement-breakpoint
CREATE INDEX "driver_licences_person_idx" ON "driver_licences" USING btree ("person_id","recorded_at");--> statement-breakpoint
CREATE INDEX "driver_licences_record_idx" ON "driver_licences" USING btree ("source_id","source_record_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "property_certificates_open_version_uq" ON "property_certificates" USING btree ("source_id","source_record_id") WHERE superseded_at is null;--> statement-breakpoint
CREATE INDEX "property_certificates_person_idx" ON "property_certificates" USING btree ("person_id","recorded_at");--> statement-breakpoint
CREATE INDEX "property_certificates_record_idx" ON "property_certificates" USING btree ("source_id","source_record_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicle_registrations_open_version_uq" ON "vehicle_registrations" USING btree ("source_id","source_record_id") WHERE superseded_at is null;--> statement-breakpoint
CREATE INDEX "vehicle_registrations_person_idx" ON "vehicle_registrations" USING btree ("person_id","recorded_at");--> statement-breakpoint
CREATE INDEX "vehicle_registrations_record_idx" ON "vehicle_registrations" USING btree ("source_id","source_record_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_transactions_open_version_uq" ON "payment_transactions" USING btree ("source_id","source_record_id") WHERE superseded_at is null;--> statement-breakpoint
CREATE INDEX "payment_transactions_person_idx" ON "payment_transactions" USING btree ("person_id","recorded_at");--> statement-breakpoint
CREATE INDEX "payment_transactions_record_idx" ON "payment_transactions" USING btree ("source_id","source_record_id","recorded_at");--> statement-breakpoint
CREATE INDEX "payment_transactions_person_time_idx" ON "payment_transactions" USING btree ("person_id","occurred_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "transaction_months_open_version_uq" ON "transaction_months" USING btree ("source_id","source_record_id") WHERE superseded_at is null;--> statement-breakpoint
CREATE INDEX "transaction_months_person_idx" ON "transaction_months" USING btree ("person_id","recorded_at");--> statement-breakpoint
CREATE INDEX "transaction_months_record_idx" ON "transaction_months" USING btree ("source_id","source_record_id","recorded_at");