import { DateTimeResolver } from '../../kernel/scalars.js';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import type { RecordKind } from '../index.js';
import { Provenance, type RecordRow } from './record.types.js';
import { recordKey } from './record-key.js';

/**
 * Provenance, version history and the subject's statement for one record type. Every
 * furnished record gets the same fields, resolved from its row through the request's loaders.
 */
export function furnishedRecordResolver<T extends object>(type: ClassType<T>, kind: RecordKind) {
  @Resolver(() => type)
  class FurnishedRecordFields {
    @FieldResolver(() => Provenance, { description: 'Where this record came from.' })
    async provenance(@Root() row: RecordRow, @Ctx() ctx: RequestContext): Promise<Provenance> {
      return {
        source: await ctx.loaders.records.source().load(row.sourceId),
        sourceRecordId: row.sourceRecordId,
        receivedAt: row.receivedAt,
        recordedAt: row.recordedAt,
        supersededAt: row.supersededAt,
        // The shield rule on sourceRecordId reads these (access/catalogue.ts: identifying fields).
        view: row.view,
        kind,
      };
    }

    @FieldResolver(() => String, {
      nullable: true,
      description: 'The subject’s own statement about this record, shown beside it.',
    })
    statement(@Root() row: RecordRow, @Ctx() ctx: RequestContext): Promise<string | null> {
      return ctx.loaders.statement(kind, row.asOf ?? null).load(recordKey(row.sourceId, row.sourceRecordId));
    }

    @FieldResolver(() => DateTimeResolver, {
      nullable: true,
      description: 'When its source withdrew this record; a withdrawn record is no longer served to licensees, so only regulators and the subject see it here.',
    })
    withdrawnAt(@Root() row: RecordRow, @Ctx() ctx: RequestContext): Promise<Date | null> {
      return ctx.loaders.withdrawal(kind, row.asOf ?? null).load(recordKey(row.sourceId, row.sourceRecordId));
    }

    @FieldResolver(() => [type], {
      description: 'Every version of this record known at the instant of the query, oldest first.',
    })
    async history(@Root() row: RecordRow, @Ctx() ctx: RequestContext): Promise<T[]> {
      // A record reached without the reader's scope has no rules to read its history under.
      if (!row.view) throw new Error(`${kind} record read without a reader scope`);
      const versions = await ctx.loaders.records.history(kind, row.view, row.restriction).load(recordKey(row.sourceId, row.sourceRecordId));
      // Older versions are read under the same view as the record they belong to.
      return versions.map((v) => ({ ...v, view: row.view, restriction: row.restriction })) as unknown as T[];
    }
  }
  Object.defineProperty(FurnishedRecordFields, 'name', { value: `${type.name}Fields` });
  return FurnishedRecordFields;
}
