import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver, SafeIntResolver } from 'graphql-scalars';
import { FurnishedRecord } from '../shared/record.types.js';
import { enumOf, type ValueOf } from '../../kernel/enums.js';
import { courtCaseStatuses, courtRoles } from './courts.tables.js';

export const CourtCaseStatus = enumOf(courtCaseStatuses);
export type CourtCaseStatus = ValueOf<typeof CourtCaseStatus>;
registerEnumType(CourtCaseStatus, {
  name: 'CourtCaseStatus',
  description: 'FILED and PENDING are lawsuits, not judgments; DISMISSED and OVERTURNED never count against a person.',
});

export const CourtRole = enumOf(courtRoles);
export type CourtRole = ValueOf<typeof CourtRole>;
registerEnumType(CourtRole, { name: 'CourtRole' });

@ObjectType({ description: 'A court case in which the person is a party.', implements: FurnishedRecord })
export class CourtRecord extends FurnishedRecord {
  @Field(() => String)
  caseNumber: string;

  @Field(() => String)
  court: string;

  @Field(() => LocalDateResolver)
  filedOn: string;

  @Field(() => CourtRole)
  role: CourtRole;

  @Field(() => CourtCaseStatus)
  status: CourtCaseStatus;

  @Field(() => LocalDateResolver, { nullable: true })
  judgmentOn: string | null;

  @Field(() => SafeIntResolver, { nullable: true, description: 'Judgment amount in fen.' })
  judgmentAmountFen: number | null;

  @Field(() => Boolean, {
    description: "True only when the court lists the person as a judgment debtor who failed to perform this judgment.",
  })
  judgmentDebtor: boolean;
}
