import DataLoader from 'dataloader';
import type { Db } from '../db/client.js';
import { RecordLoaders } from '../records/shared/record.loaders.js';
import { assetSummary, type AssetKind } from '../records/property/property.loaders.js';
import { transactionPageRead, type TransactionPageArgs } from '../records/transactions/transactions.loaders.js';
import type { TransactionRow } from '../records/transactions/transactions.tables.js';
import type { AssetSummary } from '../records/property/property.types.js';
import type { RecordKind } from '../records/index.js';
import {
  countScopeKey,
  openDiscrepancyKindsLoader,
  verificationCountsLoader,
  type CountScope,
  type OpenFinding,
  type VerificationCount,
} from '../furnishing/cross-checks/verification.loaders.js';
import { recordStatement, recordWithdrawal } from '../records/shared/record-events.loaders.js';

/** Every DataLoader of one request; created lazily so unused ones cost nothing. */
export class RequestLoaders {
  readonly records: RecordLoaders;
  private readonly extra = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly db: Db) {
    this.records = new RecordLoaders(db);
  }

  private memo<V>(key: string, make: () => DataLoader<string, V>): DataLoader<string, V> {
    let l = this.extra.get(key);
    if (!l) {
      l = make() as DataLoader<string, unknown>;
      this.extra.set(key, l);
    }
    return l as DataLoader<string, V>;
  }

  assetSummary(kind: AssetKind, asOf: Date | null, servedOnly = false): DataLoader<string, AssetSummary> {
    return this.records.load(assetSummary(kind, asOf, servedOnly));
  }

  transactionPage(asOf: Date | null, args: TransactionPageArgs, servedOnly = false): DataLoader<string, TransactionRow[]> {
    return this.records.load(transactionPageRead(asOf, args, servedOnly));
  }

  /** Per person: current records by kind and verification status (heldBack, verificationSummary). */
  verificationCounts(asOf: Date | null, scope: CountScope): DataLoader<string, VerificationCount[]> {
    return this.memo(`verification|${asOf?.toISOString()}|${countScopeKey(scope)}`, () => verificationCountsLoader(this.db, asOf, scope));
  }

  /** Per person: the kinds of their open discrepancies. */
  openDiscrepancyKinds(asOf: Date | null): DataLoader<string, OpenFinding[]> {
    return this.memo(`discrepancy-kinds|${asOf?.toISOString()}`, () => openDiscrepancyKindsLoader(this.db, asOf));
  }

  /** The subject's statement beside each record of `kind`, keyed by source and source record id. */
  statement(kind: RecordKind, asOf: Date | null): DataLoader<string, string | null> {
    return this.records.load(recordStatement(kind, asOf));
  }

  /** When its source withdrew each record of `kind`, keyed by source and source record id. */
  withdrawal(kind: RecordKind, asOf: Date | null): DataLoader<string, Date | null> {
    return this.records.load(recordWithdrawal(kind, asOf));
  }
}
