import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../kernel/context.js';
import { FurnishedRecordInput, IngestionReport } from './ingestion.types.js';
import { submitRecordBatch } from './ingestion.service.js';

@Resolver()
export class IngestionResolver {
  @Mutation(() => IngestionReport, {
    nullable: true,
    description: 'Submits up to 500 records for the calling furnisher\'s own source (larger loads: POST /ingest, NDJSON).',
  })
  submitRecords(@Ctx() ctx: RequestContext, @Arg('records', () => [FurnishedRecordInput], { description: 'Up to 500 records of the calling source.' }) records: FurnishedRecordInput[]) {
    return submitRecordBatch(ctx.db, ctx.principal, records);
  }
}
