import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'RFC 9162 inclusion proof of one access-log entry (leaf index = seq - 1).' })
export class AccessLogInclusionProof {
  @Field(() => Int)
  leafIndex: number;

  @Field(() => Int)
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
  @Field(() => Int)
  from: number;

  @Field(() => Int)
  to: number;

  @Field(() => [String], { description: 'Base64 SHA-256 hashes.' })
  hashes: string[];
}

@ObjectType({ description: "A witness's cosignature, stored and served with the checkpoint." })
export class CheckpointCosignature {
  @Field(() => Int)
  treeSize: number;

  @Field(() => String)
  witness: string;
}
