import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum PrincipalKind {
  SCORER = 'SCORER',
  REGULATOR = 'REGULATOR',
  PARTNER = 'PARTNER',
  FURNISHER = 'FURNISHER',
  SUBJECT = 'SUBJECT',
  CONSENT_MANAGER = 'CONSENT_MANAGER',
}
registerEnumType(PrincipalKind, {
  name: 'PrincipalKind',
  description: "The role of an API key's holder.",
  valuesConfig: {
    SCORER: { description: 'A licensed lender or scoring firm.' },
    REGULATOR: { description: 'The regulator.' },
    PARTNER: { description: 'A partner app composing the exchange into its graph.' },
    FURNISHER: { description: 'A data source furnishing records.' },
    SUBJECT: { description: 'A person reading their own data.' },
    CONSENT_MANAGER: { description: "A consent manager: signs subjects' consent artefacts and revokes them; sees nothing of a profile." },
  },
});

@ObjectType({ description: 'The caller: who the API key belongs to, and what it may do.' })
export class Me {
  @Field(() => PrincipalKind, { description: "The caller's role." })
  kind: PrincipalKind;

  @Field(() => String, { description: "The principal's name." })
  name: string;

  @Field(() => Int, { description: "The caller's organisation; null for a subject.", nullable: true })
  organisationId: number | null;

  @Field(() => String, { description: "The caller's organisation's name.", nullable: true })
  organisationName: string | null;
}
