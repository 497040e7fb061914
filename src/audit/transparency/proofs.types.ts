import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'RFC 9162 inclusion proof of one access-log entry (leaf index = seq - 1).' })
export class AccessLogInclusionProof {
  @Field(() => Int, { description: "The entry's index in the tree: its seq - 1." })
  leafIndex: number;

  @Field(() => Int, { description: 'The size of the tree the proof is for.' })
  treeSize: number;

  @Field(() => String, { description: "The leaf: the entry's RFC 8785 canonical JSON, the bytes the chain hash covers." })
  leaf: string;

  @Field(() => [String], { description: 'The audit path, base64 SHA-256 hashes, nearest the leaf first.' })
  hashes: string[];

  @Field(() => String, { nullable: true, description: 'The signed checkpoint of this tree size (C2SP signed note), when one was signed.' })
  checkpoint: string | null;
}

@ObjectType({ description: 'RFC 9162 consistency proof between two sizes of the access log.' })
export class AccessLogConsistencyProof {
  @Field(() => Int, { description: 'The smaller tree size.' })
  from: number;

  @Field(() => Int, { description: 'The larger tree size.' })
  to: number;

  @Field(() => [String], { description: 'Base64 SHA-256 hashes.' })
  hashes: string[];
}

@ObjectType({ description: "A witness's cosignature, stored and served with the checkpoint." })
export class CheckpointCosignature {
  @Field(() => Int, { description: 'The size of the checkpoint cosigned.' })
  treeSize: number;

  @Field(() => String, { description: "The witness's name." })
  witness: string;
}
