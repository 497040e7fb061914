import type { Db } from '../db/client.js';
import { oversightEvents } from './oversight.tables.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface OversightEvent {
  actorPrincipalId: number;
  action: string;
  targetKind: 'LICENCE' | 'API_KEY' | 'CONSENT' | 'CONSENT_ARTEFACT' | 'CONSENT_MANAGER' | 'DISCREPANCY' | 'DISPUTE' | 'ORGANISATION' | 'PRINCIPAL' | 'SOURCE';
  targetId: string | number;
  details?: Record<string, unknown>;
}

/** Records a change to permissions in the same transaction as the change itself. */
export async function recordOversightEvent(db: Db | Tx, e: OversightEvent): Promise<void> {
  await db.insert(oversightEvents).values({ ...e, targetId: String(e.targetId), details: e.details ?? {} });
}
