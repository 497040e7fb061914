import DataLoader from 'dataloader';
import type { Db } from '../db/client.js';
import { RecordLoaders } from '../records/shared/record.loaders.js';
import { assetSummaryLoader, type AssetKind } from '../records/property/property.loaders.js';
import {
  transactionPageLoader,
  type TransactionPageArgs,
  type TransactionRow,
} from '../records/transactions/transactions.loaders.js';
import type { AssetSummary } from '../records/property/property.types.js';

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

  assetSummary(kind: AssetKind, asOf: Date | null): DataLoader<string, AssetSummary> {
    return this.memo(`asset|${kind}|${asOf?.toISOString()}`, () => assetSummaryLoader(this.db, kind, asOf));
  }

  transactionPage(asOf: Date | null, args: TransactionPageArgs): DataLoader<string, TransactionRow[]> {
    const key = `tx|${asOf?.toISOString()}|${args.first}|${args.after?.occurredAt.toISOString()}|${args.after?.id}|${args.from?.toISOString()}|${args.to?.toISOString()}`;
    return this.memo(key, () => transactionPageLoader(this.db, asOf, args));
  }
}
