import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import DataLoader from 'dataloader';
import type { RequestContext } from '../../kernel/context.js';
import { SubjectAccess } from '../access-log.types.js';
import { AccessLogConsistencyProof, AccessLogInclusionProof, CheckpointCosignature } from './proofs.types.js';
import { consistencyProof, inclusionProof, subjectProofs } from './proofs.service.js';
import { checkpointSignerOf } from './checkpoint.service.js';
import { exchangeError } from '../../kernel/errors.js';

/** Proofs of the transparency log over the access log, and witnesses' cosignatures. */
@Resolver()
export class TransparencyResolver {
  @Query(() => AccessLogInclusionProof, { nullable: true, description: 'RFC 9162 inclusion proof of entry `seq` in the tree of `treeSize` leaves. A subject may ask only about entries about themselves.' })
  accessLogInclusionProof(
    @Ctx() ctx: RequestContext,
    @Arg('seq', () => ID, { description: 'The entry.' }) seq: string,
    @Arg('treeSize', () => Int, { description: "The tree size to prove against (a signed checkpoint's size)." }) treeSize: number,
  ) {
    return inclusionProof(ctx.db, ctx.principal, seq, treeSize);
  }

  @Query(() => AccessLogConsistencyProof, { nullable: true, description: 'RFC 9162 consistency proof that the tree of `to` leaves extends the tree of `from` leaves.' })
  accessLogConsistencyProof(@Ctx() ctx: RequestContext, @Arg('from', () => Int, { description: 'The smaller tree size.' }) from: number, @Arg('to', () => Int, { description: 'The larger tree size.' }) to: number) {
    return consistencyProof(ctx.db, from, to);
  }

  @Mutation(() => CheckpointCosignature, { nullable: true, description: "Stores a witness's cosignature (C2SP tlog-cosignature line) of a stored checkpoint." })
  cosignCheckpoint(@Ctx() ctx: RequestContext, @Arg('treeSize', () => Int, { description: 'The size of the checkpoint cosigned.' }) treeSize: number, @Arg('cosignature', () => String, { description: "The witness's cosignature line (C2SP tlog-cosignature, cosignature/v1)." }) cosignature: string) {
    return checkpointSignerOf(ctx.db).addCosignature(treeSize, cosignature);
  }
}

/** One batch of proofs per request for the entries of a subject's access history. */
const loaders = new WeakMap<RequestContext, DataLoader<number, AccessLogInclusionProof | null>>();

@Resolver(() => SubjectAccess)
export class SubjectAccessProofResolver {
  @FieldResolver(() => AccessLogInclusionProof, { nullable: true, description: 'Inclusion proof of this entry against the latest signed checkpoint; null until a checkpoint covers it.' })
  inclusionProof(@Ctx() ctx: RequestContext, @Root() entry: SubjectAccess & { seq: number }) {
    const personId = ctx.principal.personId;
    if (!personId) throw exchangeError('FORBIDDEN', 'Only a subject reads their access history', { reason: 'ROLE' });
    let loader = loaders.get(ctx);
    if (!loader) {
      loader = new DataLoader((seqs) => subjectProofs(ctx.db, personId, seqs));
      loaders.set(ctx, loader);
    }
    return loader.load(entry.seq);
  }
}
