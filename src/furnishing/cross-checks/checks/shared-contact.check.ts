import { sql, type SQL } from 'drizzle-orm';
import { uuidArray } from '../../../db/sql-arrays.js';
import { rowsOf } from '../../../db/client.js';
import { recordKindList, type RecordKind } from '../../../records/index.js';
import { DiscrepancyKind } from '../discrepancy-kinds.js';
import { kindSet, type CheckRun, type CrossCheck, type Finding } from '../cross-check.js';

/**
 * The kinds on each side (their descriptors' `contactSide`): 'work' kinds name employers' and
 * referees' phones (a job), 'own' kinds the person's own phone. contact_phones holds both
 * (kept by triggers, migrations/0006_contact_phone_triggers.sql).
 */
const sideKinds = (side: 'own' | 'work') => recordKindList.filter((d) => d.contactSide === side).map((d) => d.kind as RecordKind);
const workKinds = sideKinds('work');
if (workKinds.length !== 1) throw new Error('The shared-contact check expects exactly one record kind with work phones');
const workKind = workKinds[0]!;
const workSet = kindSet(workKinds);
const ownSet = kindSet(sideKinds('own'));

/** The columns of a shared-contact match: `m`, a job's phone, and `t`, the other person's record. */
const MATCH_COLUMNS = sql.raw(`m.record_id::text as m_id, m.person_id::text as m_person, m.source_id as m_source,
  m.source_record_id as m_srid, m.content_hash as m_hash, m.role as m_role, m.phone,
  t.record_kind as t_kind, t.record_id::text as t_id, t.person_id::text as t_person, t.source_id as t_source,
  t.source_record_id as t_srid, t.content_hash as t_hash, t.role as t_role`);

/** A finding about the job's person: their job names a phone that is another person's. */
function sharedContactFinding(r: Record<string, unknown>): Finding {
  return {
    personId: String(r.m_person),
    kind: DiscrepancyKind.SHARED_CONTACT,
    records: [
      { id: Number(r.m_id), personId: String(r.m_person), sourceId: Number(r.m_source), sourceRecordId: String(r.m_srid), verification: '', contentHash: String(r.m_hash) },
      { id: Number(r.t_id), personId: String(r.t_person), sourceId: Number(r.t_source), sourceRecordId: String(r.t_srid), verification: '', contentHash: String(r.t_hash) },
    ],
    recordKinds: [workKind, r.t_kind as RecordKind],
    details: { phone: r.phone, usedAs: r.m_role, alsoFoundAs: r.t_role, otherPersonId: r.t_person },
  };
}

/**
 * Employer or referee phones of these persons' employment that are another person's own
 * phone, or a contact of another person's job with a different employer (colleagues share a
 * switchboard and managers; strangers do not). One statement, joined on the phone number.
 */
async function sharedContacts(run: CheckRun, ids: string[]): Promise<Finding[]> {
  // contact_phones holds every phone in force (kept by triggers): each of these persons'
  // employer and referee phones is a few index probes. A switchboard is shared by every
  // colleague, so for other workplaces only the nearest employer on each side of this one
  // in the (phone, employer) index is looked at, never the whole staff.
  return contactMatches(
    run,
    sql`from contact_phones m
      cross join lateral (
        (select * from contact_phones x
          where x.phone = m.phone and x.role = 'SUBJECT' and x.person_id <> m.person_id limit 5)
        union all
        (select * from contact_phones x
          where x.phone = m.phone and x.role <> 'SUBJECT' and x.employer < m.employer and x.person_id <> m.person_id
          order by x.employer desc limit 5)
        union all
        (select * from contact_phones x
          where x.phone = m.phone and x.role <> 'SUBJECT' and x.employer > m.employer and x.person_id <> m.person_id
          order by x.employer limit 5)
      ) t
      where m.person_id = any(${uuidArray(ids)}) and m.record_kind = ${sql.raw(`'${workKind}'`)}`,
  );
}

/**
 * The other side: these persons' own phones (identity) named by someone else's job, as its
 * employer's or a referee's phone. The finding is about the job's person, as if their job
 * had just been checked. At most 20 jobs per phone: the rest are found when they change.
 */
async function contactsOfOthers(run: CheckRun, ids: string[]): Promise<Finding[]> {
  return contactMatches(
    run,
    sql`from contact_phones t
      cross join lateral (
        select * from contact_phones x
        where x.phone = t.phone and x.role <> 'SUBJECT' and x.person_id <> t.person_id limit 20
      ) m
      where t.person_id = any(${uuidArray(ids)}) and t.role = 'SUBJECT'`,
  );
}

/** Runs a match of job phones (`m`) with other persons' records (`t`): one finding per distinct pair. */
async function contactMatches(run: CheckRun, from: SQL): Promise<Finding[]> {
  return rowsOf(await run.db.execute(sql`select distinct ${MATCH_COLUMNS} ${from}`)).map(sharedContactFinding);
}

/**
 * Shared contact: a job's employer or referee phone that is another person's own phone or
 * another workplace's contact. Found from either side: a changed job's phones, or a changed
 * person's own phone.
 */
export const sharedContactCheck: CrossCheck = {
  name: 'shared contact',
  async search(run) {
    const findings: Finding[] = [];
    const jobChanged = run.ids.filter((id) => (run.scopeOf(id).kinds & workSet) !== 0);
    const ownChanged = run.ids.filter((id) => (run.scopeOf(id).kinds & ownSet) !== 0);
    if (jobChanged.length > 0) findings.push(...(await sharedContacts(run, jobChanged)));
    if (ownChanged.length > 0) findings.push(...(await contactsOfOthers(run, ownChanged)));
    return findings;
  },
};
