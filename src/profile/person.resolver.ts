import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { DateTimeResolver } from '../kernel/scalars.js';
import type { RequestContext } from '../kernel/context.js';
import { Person, type PersonView } from '../records/shared/person.types.js';
import { IdentityRecord } from '../records/identity/identity.types.js';
import { DriverLicence } from '../records/licence-docs/driver-licence.types.js';
import { AssetSummary, PropertyCertificate, VehicleRegistration } from '../records/property/property.types.js';
import { EducationRecord } from '../records/education/education.types.js';
import { EmploymentRecord } from '../records/employment/employment.types.js';
import { CreditAccount } from '../records/credit/credit.types.js';
import { CourtRecord } from '../records/courts/courts.types.js';
import {
  MonthlyTransactionSummary,
  PaymentTransactionConnection,
} from '../records/transactions/transactions.types.js';
import type { RecordKind } from '../records/index.js';
import type { RecordRow } from '../records/shared/record.types.js';
import { SourceKind } from '../records/shared/record.types.js';
import { isJudgmentDebtor } from '../records/courts/courts.service.js';
import { transactionPage } from '../records/transactions/transactions.service.js';
import { pickUnifiedIdentity } from '../records/identity/identity.service.js';
import { restrictedViewFor } from '../access/grants.js';

/** The nested fields of a profile: each loads through the request's DataLoaders. */
@Resolver(() => Person)
export class PersonResolver {
  /**
   * The records of `kind` this reader may see, each carrying the reader's view and the
   * restricted view it was read under: their nested fields (provenance, history) are
   * disclosed under the same rules as the records themselves.
   */
  private async current(ctx: RequestContext, kind: RecordKind, person: PersonView) {
    const restriction = restrictedViewFor(kind, person.grants);
    const rows = await ctx.loaders.records.current(kind, person.asOf, restriction, person.servedOnly).load(person.id);
    return rows.map((r): RecordRow & Record<string, unknown> => ({ ...r, view: person, restriction }));
  }

  /** Identity rows: their fields are granted BASIC or FULL one by one. */
  private identityRows(ctx: RequestContext, person: PersonView) {
    return this.current(ctx, 'identity', person);
  }

  @FieldResolver(() => IdentityRecord, {
    nullable: true,
    description: 'The identity in force: the identity registry’s record where there is one.',
  })
  async identity(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    const rows = await this.identityRows(ctx, person);
    const kinds = await ctx.loaders.records.source().loadMany(rows.map((r) => r.sourceId));
    return pickUnifiedIdentity(rows, kinds);
  }

  @FieldResolver(() => [IdentityRecord], { nullable: true, description: 'What every source says about identity.' })
  identityRecords(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return this.identityRows(ctx, person);
  }

  @FieldResolver(() => [DriverLicence], { nullable: true })
  driverLicences(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return this.current(ctx, 'driverLicence', person);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether the person owns real estate (the FLAG view).' })
  async ownsProperty(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.assetSummary('property', person.asOf, person.servedOnly).load(person.id)).count > 0;
  }

  @FieldResolver(() => AssetSummary, { nullable: true, description: 'Count and value of real estate (the SUMMARY view).' })
  propertySummary(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.assetSummary('property', person.asOf, person.servedOnly).load(person.id);
  }

  @FieldResolver(() => [PropertyCertificate], { nullable: true, description: 'Real estate certificates (the FULL view).' })
  properties(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return this.current(ctx, 'property', person);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether the person owns a vehicle (the FLAG view).' })
  async ownsVehicle(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.assetSummary('vehicle', person.asOf, person.servedOnly).load(person.id)).count > 0;
  }

  @FieldResolver(() => AssetSummary, { nullable: true, description: 'Count and value of vehicles (the SUMMARY view).' })
  vehicleSummary(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.assetSummary('vehicle', person.asOf, person.servedOnly).load(person.id);
  }

  @FieldResolver(() => [VehicleRegistration], { nullable: true, description: 'Vehicle registrations (the FULL view).' })
  vehicles(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return this.current(ctx, 'vehicle', person);
  }

  @FieldResolver(() => [EducationRecord], { nullable: true })
  education(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return this.current(ctx, 'education', person);
  }

  @FieldResolver(() => [EmploymentRecord], { nullable: true })
  employment(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return this.current(ctx, 'employment', person);
  }

  @FieldResolver(() => [CreditAccount], { nullable: true })
  creditAccounts(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return this.current(ctx, 'creditAccount', person);
  }

  @FieldResolver(() => PaymentTransactionConnection, {
    nullable: true,
    description: 'Raw payment transactions, newest first (the RAW view).',
  })
  transactions(
    @Root() person: PersonView,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('from', () => DateTimeResolver, { nullable: true, description: 'Inclusive.' }) from: Date | null,
    @Arg('to', () => DateTimeResolver, { nullable: true, description: 'Exclusive.' }) to: Date | null,
  ) {
    // The consent's lookback bounds how far back raw transactions reach.
    const since = person.notBefore && (!from || from < person.notBefore) ? person.notBefore : from;
    return transactionPage(ctx, person, { first, after, from: since, to });
  }

  @FieldResolver(() => [MonthlyTransactionSummary], {
    nullable: true,
    description: 'Monthly transaction aggregates, oldest first (the AGGREGATE view).',
  })
  async transactionSummaries(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    const rows = await this.current(ctx, 'transactionMonth', person);
    const firstMonth = person.notBefore?.toISOString().slice(0, 7) ?? '';
    return rows
      .filter((r) => String(r.month) >= firstMonth)
      .sort((a, b) => String(a.month).localeCompare(String(b.month)));
  }

  /** A JUDGMENTS_ONLY grant never loads lawsuits that no court has ruled on. */
  private courtRows(ctx: RequestContext, person: PersonView) {
    return this.current(ctx, 'court', person);
  }

  @FieldResolver(() => [CourtRecord], {
    nullable: true,
    description: 'Court cases; with a JUDGMENTS_ONLY grant, only cases a court has ruled on.',
  })
  courtRecords(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return this.courtRows(ctx, person);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'True only while a court lists the person as failing to perform a judgment. A lawsuit alone never sets it.',
  })
  async judgmentDebtor(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    const rows = await this.courtRows(ctx, person);
    const sourceKinds = await ctx.loaders.records.source().loadMany(rows.map((r) => r.sourceId));
    const fromCourts = rows.filter((_, i) => {
      const s = sourceKinds[i];
      return !(s instanceof Error) && s.kind === SourceKind.COURT;
    });
    return isJudgmentDebtor(fromCourts as never);
  }
}
