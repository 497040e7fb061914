import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { Person, type PersonView } from '../shared/person.types.js';
import { CreditAccount } from './credit.types.js';

@Resolver(() => Person)
export class CreditAccountPersonFields {
  @FieldResolver(() => [CreditAccount], { description: 'Loans and credit lines with their repayment history (category credit).', nullable: true })
  creditAccounts(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.records.read('creditAccount', person);
  }
}
