import { GraphQLObjectType, isObjectType, type GraphQLSchema } from 'graphql';
import { allow, deny, rule, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';

import type { RequestContext } from '../kernel/context.js';
import type { PersonView } from '../records/shared/person.types.js';
import { identifyingProvenance, profileFields, type Category } from './catalogue.js';
import { recordKindList, type RecordKind } from '../records/index.js';
import { holds, type Grants } from './grants.js';
import { exchangeError } from '../kernel/errors.js';

// A rule or a logic rule (allow and deny are logic rules).
type Rule = Extract<IRules, { resolve: unknown }> | typeof allow;

/** The same rule for every field of a type. */
const everyField = (r: Rule): Record<string, Rule> => ({ '*': r });

const forbidden = (reason: string, message: string) => exchangeError('FORBIDDEN', message, { reason });

// ---- Who the caller is -----------------------------------------------------------------

export const isAuthenticated = rule('isAuthenticated', { cache: 'contextual' })(
  (_p, _a, ctx: RequestContext) => Boolean(ctx.principal) || forbidden('UNAUTHENTICATED', 'No principal'),
);

const isRole = (...kinds: string[]) =>
  rule(`isRole:${kinds.join('|')}`, { cache: 'contextual' })((_p, _a, ctx: RequestContext) =>
    kinds.includes(ctx.principal.kind) || forbidden('ROLE', `Only ${kinds.join(' or ').toLowerCase()} principals may do this`),
  );

const isRegulator = isRole('REGULATOR');
const isSubject = isRole('SUBJECT');
const isFurnisher = isRole('FURNISHER');
const answersDisputes = isRole('FURNISHER', 'REGULATOR');
const isLicensee = isRole('SCORER', 'PARTNER');
/** A consent artefact is revoked by its consent manager or its subject (the service checks whose it is). */
const revokesArtefacts = isRole('CONSENT_MANAGER', 'SUBJECT');
/** The regulator, or the identity registry's furnisher (the service checks the source). */
const enrolsSubjects = isRole('REGULATOR', 'FURNISHER');
/** Inclusion proofs: the regulator for any entry, a subject for their own (checked by the proof service). */
const readsInclusionProofs = isRole('REGULATOR', 'SUBJECT');

/**
 * Profiles are read by licensees, regulators and subjects. The licence's state, the purpose
 * and consent are the gate's to check (access/gate.ts), so that it logs the refused subject.
 */
export const readsProfiles = isRole('SCORER', 'PARTNER', 'REGULATOR', 'SUBJECT');

// ---- What the caller may see of a person ----------------------------------------------

function grantedRule(coordinate: string, category: Category, precision: string, grantsOf: (parent: any) => Grants | undefined) {
  return rule(`granted:${coordinate}`, { cache: 'no_cache' })((parent) => {
    const grants = grantsOf(parent);
    if (grants && holds(grants, category, precision)) return true;
    return forbidden('NOT_GRANTED', `Not granted: ${coordinate} needs ${category} at ${precision} precision`);
  });
}

/** A record's identifying provenance (catalogue.identifyingProvenance): denied without the reader's scope. */
const identifyingProvenanceRule = rule('granted:Provenance.sourceRecordId', { cache: 'no_cache' })(
  (parent: { view?: { grants: Grants }; kind?: RecordKind }) => {
    const grant = parent?.kind ? identifyingProvenance[parent.kind] : undefined;
    if (grant && parent.view && holds(parent.view.grants, grant.category, grant.precision)) return true;
    const needs = grant ? `${grant.category} at ${grant.precision} precision` : 'the record’s category';
    return forbidden('NOT_GRANTED', `Not granted: Provenance.sourceRecordId identifies the record and needs ${needs}`);
  },
);

/** Where a type's fields take the reader's grants from. */
const grantsOf: Record<string, (parent: any) => Grants | undefined> = {
  Person: (p: PersonView) => p?.grants,
  // A record carries the reader's view (records/shared/record.loaders.ts read()).
  ...Object.fromEntries(recordKindList.map((d) => [d.type.name, (r: { view?: PersonView }) => r?.view?.grants])),
};

/**
 * Fields not in the catalogue, declared type by type. A rule for a whole type applies to
 * each of its fields; `reachedThroughGate` marks types only reachable under a field that
 * the gate and the catalogue already guard. A type missing here stops the server at start.
 */
const reachedThroughGate = allow;
const declared: Record<string, Record<string, Rule>> = {
  Query: {
    person: readsProfiles,
    persons: readsProfiles,
    me: isAuthenticated,
    grantCatalogue: isAuthenticated,
    licences: isRegulator,
    accessLog: isRegulator,
    verifyAccessLog: isRegulator,
    accessLogInclusionProof: readsInclusionProofs,
    accessLogConsistencyProof: isRegulator,
    oversightStatistics: isRegulator,
    oversightEvents: isRegulator,
    discrepancies: isRegulator,
    openDisputes: answersDisputes,
    corrections: isLicensee,
  },
  Mutation: {
    issueLicence: isRegulator,
    setLicenceGrants: isRegulator,
    suspendLicence: isRegulator,
    reinstateLicence: isRegulator,
    revokeLicence: isRegulator,
    issueApiKey: isRegulator,
    revokeApiKey: isRegulator,
    registerOrganisation: isRegulator,
    registerSource: isRegulator,
    registerPrincipal: isRegulator,
    grantConsent: isSubject,
    revokeConsent: isSubject,
    registerConsentManager: isRegulator,
    addConsentManagerKey: isRegulator,
    retireConsentManagerKey: isRegulator,
    suspendConsentManager: isRegulator,
    reinstateConsentManager: isRegulator,
    revokeConsentArtefact: revokesArtefacts,
    enrolSubject: enrolsSubjects,
    resolveDiscrepancy: isRegulator,
    releaseQuarantine: isRegulator,
    disputeRecord: isSubject,
    attachStatement: isSubject,
    answerDispute: isFurnisher,
    submitRecords: isFurnisher,
    cosignCheckpoint: isRegulator,
  },
  Me: { kind: isAuthenticated, name: isAuthenticated, organisationId: isAuthenticated, organisationName: isAuthenticated, licence: isAuthenticated, person: isSubject, consents: isSubject, accessHistory: isSubject, disputes: isSubject, findings: isSubject },
  // heldBack says that facts are held back, never which: every reader of the profile may see it.
  Person: { id: reachedThroughGate, asOf: reachedThroughGate, purpose: reachedThroughGate, heldBack: reachedThroughGate },
  HeldBackSummary: everyField(reachedThroughGate),
  HeldBackCount: everyField(reachedThroughGate),
  VerificationSummary: everyField(reachedThroughGate),
  Discrepancy: everyField(reachedThroughGate),
  DiscrepancyRecord: everyField(reachedThroughGate),
  DiscrepancyEdge: everyField(reachedThroughGate),
  DiscrepancyConnection: everyField(reachedThroughGate),
  SubjectFinding: everyField(reachedThroughGate),
  FindingStatement: everyField(reachedThroughGate),
  StatedValue: everyField(reachedThroughGate),
  Dispute: everyField(reachedThroughGate),
  DisputeEvent: everyField(reachedThroughGate),
  DisputeEdge: everyField(reachedThroughGate),
  DisputeConnection: everyField(reachedThroughGate),
  RecordStatement: everyField(reachedThroughGate),
  CorrectionNotice: everyField(reachedThroughGate),
  CorrectionNoticeEdge: everyField(reachedThroughGate),
  CorrectionNoticeConnection: everyField(reachedThroughGate),
  AssetSummary: everyField(reachedThroughGate),
  Referee: everyField(reachedThroughGate),
  RepaymentMonth: everyField(reachedThroughGate),
  PaymentTransactionEdge: everyField(reachedThroughGate),
  PaymentTransactionConnection: everyField(reachedThroughGate),
  // Every record type: reached only under a catalogue field; its own gated fields come from the catalogue.
  ...Object.fromEntries(recordKindList.map((d) => [d.type.name, everyField(reachedThroughGate)])),
  Provenance: { '*': reachedThroughGate, sourceRecordId: identifyingProvenanceRule },
  Source: everyField(reachedThroughGate),
  PageInfo: everyField(reachedThroughGate),
  Licence: everyField(reachedThroughGate),
  LicenceEdge: everyField(reachedThroughGate),
  LicenceConnection: everyField(reachedThroughGate),
  Grant: everyField(reachedThroughGate),
  CatalogueCategory: everyField(reachedThroughGate),
  IssuedApiKey: everyField(reachedThroughGate),
  ApiKeyInfo: everyField(reachedThroughGate),
  RegisteredOrganisation: everyField(reachedThroughGate),
  RegisteredSource: everyField(reachedThroughGate),
  RegisteredPrincipal: everyField(reachedThroughGate),
  Consent: everyField(reachedThroughGate),
  ConsentManager: everyField(reachedThroughGate),
  ConsentManagerKey: everyField(reachedThroughGate),
  ConsentArtefact: everyField(reachedThroughGate),
  EnrolledSubject: everyField(reachedThroughGate),
  IngestionReport: everyField(reachedThroughGate),
  IngestionCounts: everyField(reachedThroughGate),
  AcceptedRecord: everyField(reachedThroughGate),
  RejectedRecord: everyField(reachedThroughGate),
  ConsentEdge: everyField(reachedThroughGate),
  ConsentConnection: everyField(reachedThroughGate),
  AccessLogEntry: everyField(reachedThroughGate),
  AccessLogEdge: everyField(reachedThroughGate),
  AccessLogConnection: everyField(reachedThroughGate),
  ChainVerification: everyField(reachedThroughGate),
  ChainBreak: everyField(reachedThroughGate),
  OversightStatistics: everyField(reachedThroughGate),
  OrganisationDay: everyField(reachedThroughGate),
  PurposeCount: everyField(reachedThroughGate),
  VolumeAnomaly: everyField(reachedThroughGate),
  OversightEvent: everyField(reachedThroughGate),
  OversightEventEdge: everyField(reachedThroughGate),
  OversightEventConnection: everyField(reachedThroughGate),
  SubjectAccess: everyField(reachedThroughGate),
  SubjectAccessEdge: everyField(reachedThroughGate),
  SubjectAccessConnection: everyField(reachedThroughGate),
  AccessLogInclusionProof: everyField(reachedThroughGate),
  AccessLogConsistencyProof: everyField(reachedThroughGate),
  CheckpointCosignature: everyField(reachedThroughGate),
};

export type RuleTree = Record<string, Record<string, Rule>>;

/**
 * One explicit rule per field of the schema: catalogue fields get a grant rule, every other
 * field the rule its type declares. Throws on a field nobody decided about.
 */
export function buildRuleTree(schema: GraphQLSchema, extra: Record<string, Record<string, Rule>> = {}): RuleTree {
  // Merged type by type: extra rules for Query add fields, they do not replace Query's rules.
  const declarations = { ...declared };
  for (const [type, fields] of Object.entries(extra)) declarations[type] = { ...declared[type], ...fields };
  const tree: RuleTree = {};
  const undecided: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const decl = declarations[type.name];
    const fields: Record<string, Rule> = {};
    for (const field of Object.keys((type as GraphQLObjectType).getFields())) {
      const coordinate = `${type.name}.${field}`;
      const grant = profileFields[coordinate];
      const fromType = decl?.[field] ?? decl?.['*'];
      if (grant) {
        const source = grantsOf[type.name];
        if (!source) throw new Error(`catalogue field ${coordinate} has no grant source`);
        fields[field] = grantedRule(coordinate, grant.category, grant.precision, source);
      } else if (fromType) {
        fields[field] = fromType;
      } else {
        undecided.push(coordinate);
      }
    }
    tree[type.name] = fields;
  }
  if (undecided.length > 0) throw new Error(`No permission rule for: ${undecided.join(', ')}`);
  return tree;
}

export function exchangeShield(schema: GraphQLSchema, extra?: Record<string, Record<string, Rule>>) {
  return shield(buildRuleTree(schema, extra) as IRules, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => forbidden('NO_RULE', 'Not permitted'),
  });
}
