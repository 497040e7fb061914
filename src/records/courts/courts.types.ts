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
  valuesConfig: {
    FILED: { description: 'Filed, not yet accepted for trial: not a judgment.' },
    PENDING: { description: 'Being tried: a lawsuit, not a judgment.' },
    JUDGMENT: { description: 'Judgment given.' },
    SATISFIED: { description: 'The judgment was performed.' },
    DISMISSED: { description: 'The case was dismissed.' },
    OVERTURNED: { description: 'The judgment was overturned on appeal.' },
  },
});

export const CourtRole = enumOf(courtRoles);
export type CourtRole = ValueOf<typeof CourtRole>;
registerEnumType(CourtRole, {
  name: 'CourtRole',
  description: "The person's side in a court case.",
  valuesConfig: {
    PLAINTIFF: { description: 'The person brought the case.' },
    DEFENDANT: { description: 'The case was brought against the person.' },
  },
});

@ObjectType({ description: 'A court case in which the person is a party.', implements: FurnishedRecord })
export class CourtRecord extends FurnishedRecord {
  @Field(() => String, { description: "The court's case number." })
  caseNumber: string;

  @Field(() => String, { description: 'The court.' })
  court: string;

  @Field(() => LocalDateResolver, { description: 'When the case was filed.' })
  filedOn: string;

  @Field(() => CourtRole, { description: "The person's side: plaintiff or defendant." })
  role: CourtRole;

  @Field(() => CourtCaseStatus, { description: 'Where the case stands: a lawsuit filed or pending is not a judgment.' })
  status: CourtCaseStatus;

  @Field(() => LocalDateResolver, { description: 'When judgment was given; null before a judgment.', nullable: true })
  judgmentOn: string | null;

  @Field(() => SafeIntResolver, { nullable: true, description: 'Judgment amount in fen.' })
  judgmentAmountFen: number | null;

  @Field(() => Boolean, {
    description: "True only when the court lists the person as a judgment debtor who failed to perform this judgment.",
  })
  judgmentDebtor: boolean;
}
