import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum PrincipalKind {
  SCORER = 'SCORER',
  REGULATOR = 'REGULATOR',
  PARTNER = 'PARTNER',
  FURNISHER = 'FURNISHER',
  SUBJECT = 'SUBJECT',
  CONSENT_MANAGER = 'CONSENT_MANAGER',
}
registerEnumType(PrincipalKind, { name: 'PrincipalKind' });

@ObjectType({ description: 'The caller: who the API key belongs to, and what it may do.' })
export class Me {
  @Field(() => PrincipalKind)
  kind: PrincipalKind;

  @Field(() => String)
  name: string;

  @Field(() => Int, { nullable: true })
  organisationId: number | null;

  @Field(() => String, { nullable: true })
  organisationName: string | null;
}
