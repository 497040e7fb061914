import { FieldResolver, Resolver, Root } from 'type-graphql';
import { CourtRecord } from './courts.types.js';
import { isJudgment } from './courts.service.js';

@Resolver(() => CourtRecord)
export class CourtRecordResolver {
  @FieldResolver(() => Boolean, { description: 'True once a court has given judgment (pending lawsuits are not judgments).' })
  isJudgment(@Root() row: { status: string }): boolean {
    return isJudgment(row.status);
  }
}
