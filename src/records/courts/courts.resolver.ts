import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { Person, type PersonView } from '../shared/person.types.js';
import { SourceKind } from '../shared/record.types.js';
import { CourtRecord } from './courts.types.js';
import { isJudgment, isJudgmentDebtor } from './courts.service.js';

@Resolver(() => CourtRecord)
export class CourtRecordResolver {
  @FieldResolver(() => Boolean, { description: 'True once a court has given judgment (pending lawsuits are not judgments).' })
  isJudgment(@Root() row: { status: string }): boolean {
    return isJudgment(row.status);
  }
}

/** Court cases on the profile; a JUDGMENTS_ONLY grant never loads lawsuits no court has ruled on. */
@Resolver(() => Person)
export class CourtPersonFields {
  @FieldResolver(() => [CourtRecord], {
    nullable: true,
    description: 'Court cases; with a JUDGMENTS_ONLY grant, only cases a court has ruled on.',
  })
  courtRecords(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.records.read('court', person);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'True only while a court lists the person as failing to perform a judgment. A lawsuit alone never sets it.',
  })
  async judgmentDebtor(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    const rows = await ctx.loaders.records.read('court', person);
    const sourceKinds = await ctx.loaders.records.source().loadMany(rows.map((r) => r.sourceId));
    // Only a court's own record can list a judgment debtor.
    const fromCourts = rows.filter((_, i) => {
      const s = sourceKinds[i];
      return !(s instanceof Error) && s.kind === SourceKind.COURT;
    });
    return isJudgmentDebtor(fromCourts as unknown as Parameters<typeof isJudgmentDebtor>[0]);
  }
}
