-- The schema PostGraphile v4 serves in the profile benchmark: views over the exchange's own
-- tables in a schema of the benchmark's (never in the project's migrations), with smart
-- comments for the keys and relations a view lacks, and computed columns for the profile's
-- derived fields. server.mjs recreates it on every start, so it always matches this file.
-- Views hold every version; the benchmark's query asks for the open ones
-- (condition: { supersededAt: null }), as the exchange's reads do.
drop schema if exists postgraphile_peer cascade;
create schema postgraphile_peer;

create view postgraphile_peer.persons as
  select id, national_id from public.persons;
comment on view postgraphile_peer.persons is E'@primaryKey id\n@unique national_id';

create view postgraphile_peer.sources as
  select id, code, name, kind::text as kind from public.sources;
comment on view postgraphile_peer.sources is E'@primaryKey id';

create view postgraphile_peer.identity_records as
  select id, person_id, source_id, recorded_at, superseded_at, verification::text as verification,
         national_id, name, birth_date, address, phone
  from public.identity_records;

create view postgraphile_peer.driver_licences as
  select id, person_id, source_id, recorded_at, superseded_at, licence_number, licence_class, status, penalty_points
  from public.driver_licences;

create view postgraphile_peer.property_certificates as
  select id, person_id, source_id, recorded_at, superseded_at, certificate_number, value_fen, owner_name, status
  from public.property_certificates;

create view postgraphile_peer.vehicle_registrations as
  select id, person_id, source_id, recorded_at, superseded_at, plate_number, value_fen, owner_name, status
  from public.vehicle_registrations;

create view postgraphile_peer.education_records as
  select id, person_id, source_id, recorded_at, superseded_at, institution, level, issuer_confirmed
  from public.education_records;

create view postgraphile_peer.employment_records as
  select id, person_id, source_id, recorded_at, superseded_at, employer, occupation, referees
  from public.employment_records;

create view postgraphile_peer.credit_accounts as
  select id, person_id, source_id, recorded_at, superseded_at, lender, account_kind, limit_fen, balance_fen,
         status, days_past_due, repayment_history
  from public.credit_accounts;

create view postgraphile_peer.payment_transactions as
  select id, person_id, source_id, recorded_at, superseded_at, occurred_at, amount_fen, direction
  from public.payment_transactions;

create view postgraphile_peer.transaction_months as
  select id, person_id, source_id, recorded_at, superseded_at, month, inflow_fen, outflow_fen
  from public.transaction_months;

create view postgraphile_peer.court_records as
  select id, person_id, source_id, recorded_at, superseded_at, case_number, status, judgment_debtor
  from public.court_records;

-- Every record view: its key, its person (a list under the exchange's field name beside a
-- connection named ...Connection) and its source.
do $$
declare
  v record;
begin
  for v in select * from (values
    ('identity_records', 'identityRecords'),
    ('driver_licences', 'driverLicences'),
    ('property_certificates', 'properties'),
    ('vehicle_registrations', 'vehicles'),
    ('education_records', 'education'),
    ('employment_records', 'employment'),
    ('credit_accounts', 'creditAccounts'),
    ('payment_transactions', 'transactions'),
    ('transaction_months', 'transactionSummaries'),
    ('court_records', 'courtRecords')
  ) as t(view_name, field_name)
  loop
    execute format(
      'comment on view postgraphile_peer.%I is %L', v.view_name,
      E'@primaryKey id\n'
      || '@foreignKey (person_id) references postgraphile_peer.persons (id)|@fieldName person'
      || '|@foreignSimpleFieldName ' || v.field_name || '|@foreignFieldName ' || v.field_name || E'Connection\n'
      || '@foreignKey (source_id) references postgraphile_peer.sources (id)|@fieldName source|@omit many');
  end loop;
end $$;

-- The profile's derived fields, decided as the exchange decides them.

-- The identity in force: the identity registry's open record, else the latest recorded claim.
create function postgraphile_peer.persons_identity(p postgraphile_peer.persons)
returns postgraphile_peer.identity_records language sql stable as $$
  select i.* from postgraphile_peer.identity_records i join public.sources s on s.id = i.source_id
  where i.person_id = p.id and i.superseded_at is null
  order by s.kind = 'IDENTITY_REGISTRY' desc, i.recorded_at desc, i.id
  limit 1
$$;

-- Listed by a court as failing to perform a judgment that stands.
create function postgraphile_peer.persons_judgment_debtor(p postgraphile_peer.persons)
returns boolean language sql stable as $$
  select exists (
    select 1 from public.court_records c join public.sources s on s.id = c.source_id
    where c.person_id = p.id and c.superseded_at is null and s.kind = 'COURT'
      and c.status = 'JUDGMENT' and c.judgment_debtor)
$$;

-- Real estate held (transferred certificates excluded): the FLAG and SUMMARY views.
create type postgraphile_peer.asset_summary as (count integer, total_value_fen bigint);

create function postgraphile_peer.persons_property_summary(p postgraphile_peer.persons)
returns postgraphile_peer.asset_summary language sql stable as $$
  select count(*)::integer, coalesce(sum(value_fen), 0)::bigint
  from public.property_certificates
  where person_id = p.id and superseded_at is null and status <> 'TRANSFERRED'
$$;

create function postgraphile_peer.persons_owns_property(p postgraphile_peer.persons)
returns boolean language sql stable as $$
  select exists (
    select 1 from public.property_certificates
    where person_id = p.id and superseded_at is null and status <> 'TRANSFERRED')
$$;
