/**
 * Schemas (zod v4) and shared constants for the human-editable YAML seed in `seed/data/`.
 *
 * The loader (Neo4j) and the API import the constants below; keep them the single source of
 * truth for labels, relationship types, enums and the relationship endpoint table.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Shared constants
// ---------------------------------------------------------------------------------------------

/** Traffic Light Protocol, ordered least to most restricted. */
export const SENSITIVITY = ['CLEAR', 'GREEN', 'AMBER', 'RED'] as const;
export type Sensitivity = (typeof SENSITIVITY)[number];
export const DEFAULT_SENSITIVITY: Sensitivity = 'CLEAR';

/** Rank of a sensitivity level (0 = CLEAR ... 3 = RED); a user with clearance c sees rank <= rank(c). */
export function sensitivityRank(s: Sensitivity): number {
  return SENSITIVITY.indexOf(s);
}

export const NODE_LABELS = ['Actor', 'Mandate', 'Agreement', 'Initiative', 'Threat', 'Region', 'Source'] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

export const ACTOR_KINDS = [
  'un-entity', // UN department, office, programme, or system-wide function (DPPA, PBSO, UNDP, RCs, PDAs)
  'un-intergovernmental-body', // UN body made of member states (Peacebuilding Commission)
  'regional-organization', // AU, OAS, ASEAN, CARICOM, Pacific Islands Forum
  'subregional-organization', // ECOWAS
  'regional-body', // organ or mechanism of a regional organization (AU PSC, AU Assembly, FemWise-Africa)
  'regional-architecture', // institutional architecture of a regional organization (APSA)
  'civil-society', // NGOs and civil-society networks (WANEP, GPPAC, GNWP)
  'ifi', // international financial institutions (World Bank, African Development Bank)
  'donor',
  'member-state', // generated from memberships.yaml
  'think-tank', // IPI
  'foundation', // Dag Hammarskjöld Foundation
  'intergovernmental-organization', // non-UN, non-regional IGOs (International IDEA, Community of Democracies)
  'national-institution', // a state institution other than the state itself (the judiciaries of the OAS facilitators service)
  'local-actors', // the unnamed local actors the note speaks of collectively, one node per country (PVE in Bangladesh...)
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/**
 * Actor kinds that are frameworks or architectures rather than bodies that act (APSA): they hold
 * organs and mechanisms together but take no decisions, sign nothing and deploy no one. Analyses
 * show them for context (paths, the graph) but never rank them as responders nor call them a
 * single point of failure; their organs act in their stead.
 */
export const FRAMEWORK_ACTOR_KINDS = ['regional-architecture'] as const satisfies readonly ActorKind[];

/** Whether actors of this kind act (as opposed to frameworks such as APSA). */
export function isActingActorKind(kind: string): boolean {
  return !(FRAMEWORK_ACTOR_KINDS as readonly string[]).includes(kind);
}

/**
 * What a PART_OF between two Actors means (property `partKind`, required on Actor->Actor PART_OF
 * in the seed; an imported Actor->Actor PART_OF without it counts as an organ):
 * - 'organ': the part is an organ, department, office, mechanism or branch of the whole, created
 *   by it and answerable to it (AU PSC of the AU, PBSO of DPPA, a judiciary of its state).
 *   Rankings may group it under the whole; coordination by the part is coordination by the whole.
 * - 'component': the part keeps its own identity and is only counted as a building block of the
 *   whole, typically of a framework (ECOWAS as a Regional Mechanism of APSA, FemWise-Africa located
 *   within APSA). Never grouped under the whole, and nothing flows through it.
 */
export const PART_KINDS = ['organ', 'component'] as const;
export type PartKind = (typeof PART_KINDS)[number];

/**
 * Where a mandate applies (Mandate property `reach`; absent means 'stated'):
 * - 'stated': in the regions its APPLIES_IN edges name (and their parts), whoever the members are
 *   (UN mandates: the world; WANEP: West Africa).
 * - 'membership': in the countries whose state is MEMBER_OF the holder on the date asked (and the
 *   regions made of them); APPLIES_IN then only names the holder's home region, for display and
 *   as an outer bound. A regional organization's treaty mandate binds its members, so when a state
 *   leaves (Burkina Faso, Mali and Niger leaving ECOWAS on 2025-01-29) the mandate no longer
 *   applies there, and it never applied to a neighbour that is not a member.
 */
export const MANDATE_REACHES = ['stated', 'membership'] as const;
export type MandateReach = (typeof MANDATE_REACHES)[number];

export const ACTOR_LEVELS = ['global', 'regional', 'national', 'local'] as const;
export type ActorLevel = (typeof ACTOR_LEVELS)[number];

/** 'agreement': the signed text of an agreement between organizations (not a treaty between states). */
export const SOURCE_KINDS = [
  'meeting-note',
  'resolution',
  'report',
  'treaty',
  'website',
  'official-list',
  'communique',
  'agreement',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const REGION_KINDS = ['world', 'continent', 'subregion', 'country'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

export const MANDATE_FUNCTIONS = [
  'prevention',
  'mediation',
  'early-warning',
  'justice',
  'funding',
  'peacebuilding',
  'capacity-building',
  'dialogue',
  'advocacy',
  'monitoring',
  'advisory',
  'coordination',
  'policy',
] as const;
export type MandateFunction = (typeof MANDATE_FUNCTIONS)[number];

export const AGREEMENT_KINDS = ['mou', 'framework-agreement', 'protocol', 'partnership', 'treaty'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const INITIATIVE_KINDS = [
  'programme',
  'initiative',
  'framework',
  'mechanism',
  'strategy',
  'process', // e.g. the 2020 Review of the UN peacebuilding architecture
  'event', // conferences and roundtables
] as const;
export type InitiativeKind = (typeof INITIATIVE_KINDS)[number];

/** Roles on PARTICIPATES_IN. 'designer' and 'supporter' were added for the note's PDA sentences. */
export const PARTICIPATION_ROLES = [
  'lead',
  'implementer',
  'funder',
  'data-provider',
  'partner',
  'convener',
  'designer',
  'supporter',
] as const;
export type ParticipationRole = (typeof PARTICIPATION_ROLES)[number];

/** Precision of a date written as YYYY-MM-DD when only the year or month is known. */
export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const REL_TYPES = [
  'MEMBER_OF',
  'PART_OF',
  'SUBTYPE_OF',
  'HAS_MANDATE',
  'LACKS_MANDATE',
  'COVERS',
  'APPLIES_IN',
  'OPERATES_IN',
  'PARTY_TO',
  'PARTICIPATES_IN',
  'TARGETS',
  'SPANS',
  'FUNDS',
  'PROVIDES_DATA_TO',
  'DIALOGUE_WITH',
  'SUPPORTS',
  'AFFECTS',
  'CONSTRAINED_IN',
  'ESTABLISHED',
  'SUCCEEDED_BY',
] as const;
export type RelType = (typeof REL_TYPES)[number];

/**
 * Allowed endpoint labels per relationship type. Additions beyond the brief:
 * - PART_OF Initiative->Initiative (ECPF Enabling Mechanism and Plans of Action are parts of the
 *   ECPF; PDA deployments are part of the UNDP-DPPA Joint Programme).
 * - SUCCEEDED_BY Actor->Actor (the note: the former DPA was integrated into the new DPPA on
 *   2019-01-01; validFrom on the edge is the date of succession).
 */
export const REL_ENDPOINTS: Record<RelType, { from: NodeLabel[]; to: NodeLabel[] }> = {
  MEMBER_OF: { from: ['Actor'], to: ['Actor'] },
  PART_OF: { from: ['Actor', 'Region', 'Initiative'], to: ['Actor', 'Region', 'Initiative'] },
  SUBTYPE_OF: { from: ['Threat'], to: ['Threat'] },
  HAS_MANDATE: { from: ['Actor'], to: ['Mandate'] },
  LACKS_MANDATE: { from: ['Actor'], to: ['Mandate'] },
  COVERS: { from: ['Mandate'], to: ['Threat'] },
  APPLIES_IN: { from: ['Mandate'], to: ['Region'] },
  OPERATES_IN: { from: ['Actor'], to: ['Region'] },
  PARTY_TO: { from: ['Actor'], to: ['Agreement'] },
  PARTICIPATES_IN: { from: ['Actor'], to: ['Initiative'] },
  TARGETS: { from: ['Initiative', 'Agreement'], to: ['Threat'] },
  SPANS: { from: ['Initiative'], to: ['Region'] },
  FUNDS: { from: ['Actor'], to: ['Initiative', 'Actor'] },
  PROVIDES_DATA_TO: { from: ['Actor'], to: ['Actor'] },
  DIALOGUE_WITH: { from: ['Actor'], to: ['Actor'] },
  SUPPORTS: { from: ['Actor'], to: ['Actor', 'Initiative'] },
  AFFECTS: { from: ['Threat'], to: ['Region'] },
  CONSTRAINED_IN: { from: ['Actor'], to: ['Region'] },
  ESTABLISHED: { from: ['Actor'], to: ['Actor', 'Initiative', 'Agreement'] },
  SUCCEEDED_BY: { from: ['Actor'], to: ['Actor'] },
};

/**
 * PART_OF always connects two nodes of the same label (Actor->Actor, Region->Region,
 * Initiative->Initiative); readSeed rejects mixed pairs.
 *
 * Validity: validFrom is inclusive, validTo is exclusive (the first day the fact no longer holds):
 * a fact holds on date d when (validFrom ?? -inf) <= d < (validTo ?? +inf). Memberships use the
 * same rule (since -> validFrom, until -> validTo).
 */

/** Seed files, in load order; each holds a top-level YAML list. */
export const SEED_FILES = [
  'sources.yaml',
  'regions.yaml',
  'threats.yaml',
  'actors.yaml',
  'mandates.yaml',
  'agreements.yaml',
  'initiatives.yaml',
  'relationships.yaml',
  'memberships.yaml',
] as const;
export type SeedFile = (typeof SEED_FILES)[number];

/** Id of the meeting note the seed is built from. */
export const NOTE_SOURCE_ID = 'src-note-2019';

// ---------------------------------------------------------------------------------------------
// Field schemas
// ---------------------------------------------------------------------------------------------

/** Calendar date as 'YYYY-MM-DD' (validated: 2019-02-30 is rejected). */
export const IsoDate = z.iso.date({ message: "expected a date 'YYYY-MM-DD'" });

const slug = '[a-z0-9]+(?:-[a-z0-9]+)*';
const idWithPrefix = (prefixes: string[]) =>
  z
    .string()
    .regex(new RegExp(`^(?:${prefixes.join('|')})-${slug}$`), `id must look like ${prefixes.map((p) => `${p}-<slug>`).join(' or ')}`);

export const SensitivitySchema = z.enum(SENSITIVITY);
export const Score01 = z.number().min(0).max(1);

/** A citation: which Source, and (optionally) the exact words from it. */
export const SourceRefSchema = z.strictObject({
  id: z.string().min(1),
  quote: z.string().min(1).optional(),
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

const citedAtLeastOnceWithQuote = (refs: SourceRef[]) => refs.some((r) => r.quote !== undefined);
const quotedSources = z
  .array(SourceRefSchema)
  .min(1, 'at least one source is required')
  .refine(citedAtLeastOnceWithQuote, 'at least one source must carry a quote');
const optionallyQuotedSources = z.array(SourceRefSchema).min(1, 'at least one source is required');

// ---------------------------------------------------------------------------------------------
// Record schemas (one per file)
// ---------------------------------------------------------------------------------------------

export const SourceSchema = z.strictObject({
  id: idWithPrefix(['src']),
  title: z.string().min(1),
  kind: z.enum(SOURCE_KINDS),
  publisher: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  /** Date of the document, or for official lists the date the list holds for. */
  date: IsoDate,
  datePrecision: z.enum(DATE_PRECISIONS).optional(),
  url: z.url().optional(),
  /** Free-text remark on the source (e.g. a mis-cited symbol). */
  remark: z.string().optional(),
  sensitivity: SensitivitySchema.optional(),
});
export type SourceRecord = z.infer<typeof SourceSchema>;

export const RegionSchema = z
  .strictObject({
    id: idWithPrefix(['region', 'country']),
    name: z.string().min(1),
    kind: z.enum(REGION_KINDS),
    iso2: z
      .string()
      .regex(/^[A-Z]{2}$/, 'iso2 must be two upper-case letters')
      .optional(),
    iso3: z
      .string()
      .regex(/^[A-Z]{3}$/, 'iso3 must be three upper-case letters')
      .optional(),
    /** For countries/territories: false for non-UN-member states and territories. Default true. */
    unMember: z.boolean().optional(),
    /** e.g. 'self-governing in free association with New Zealand', 'French overseas collectivity'. */
    status: z.string().optional(),
    aliases: z.array(z.string().min(1)).optional(),
    partOf: z.array(z.string().min(1)).default([]),
    sensitivity: SensitivitySchema.optional(),
    sources: optionallyQuotedSources,
  })
  .superRefine((r, ctx) => {
    if (r.kind === 'country') {
      if (!r.iso2 || !r.iso3) {
        ctx.addIssue({ code: 'custom', path: ['iso2'], message: 'a country needs iso2 and iso3' });
      } else if (r.id !== `country-${r.iso2.toLowerCase()}`) {
        ctx.addIssue({
          code: 'custom',
          path: ['id'],
          message: `a country id must be country-${r.iso2.toLowerCase()}`,
        });
      }
    } else if (!r.id.startsWith('region-')) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'a non-country id must be region-<slug>' });
    }
    if (r.kind !== 'world' && r.partOf.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['partOf'], message: 'only the world may have no parent' });
    }
  });
export type RegionRecord = z.infer<typeof RegionSchema>;

export const ThreatSchema = z.strictObject({
  id: idWithPrefix(['threat']),
  name: z.string().min(1),
  parent: z.string().min(1).optional(),
  description: z.string().min(1),
  aliases: z.array(z.string().min(1)).optional(),
  sensitivity: SensitivitySchema.optional(),
  sources: optionallyQuotedSources,
});
export type ThreatRecord = z.infer<typeof ThreatSchema>;

export const ActorSchema = z.strictObject({
  id: idWithPrefix(['actor']),
  name: z.string().min(1),
  acronym: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).default([]),
  kind: z.enum(ACTOR_KINDS),
  level: z.enum(ACTOR_LEVELS),
  description: z.string().min(1),
  /** Only for national/local actors: the country they belong to. */
  countryIso2: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  influence: Score01.optional(),
  interest: Score01.optional(),
  /** Existence of the actor (e.g. DPA until 2019-01-01, DPPA from 2019-01-01). */
  validFrom: IsoDate.optional(),
  validTo: IsoDate.optional(),
  sensitivity: SensitivitySchema.optional(),
  sources: quotedSources,
});
export type ActorRecord = z.infer<typeof ActorSchema>;

export const MandateSchema = z.strictObject({
  id: idWithPrefix(['mandate']),
  name: z.string().min(1),
  /** Informational; the graph edge is HAS_MANDATE / LACKS_MANDATE in relationships.yaml. */
  holder: z.string().min(1).optional(),
  legalBasis: z.string().min(1),
  functions: z.array(z.enum(MANDATE_FUNCTIONS)).min(1),
  description: z.string().min(1),
  reach: z.enum(MANDATE_REACHES).optional(),
  confidence: Score01.optional(),
  sensitivity: SensitivitySchema.optional(),
  sources: quotedSources,
});
export type MandateRecord = z.infer<typeof MandateSchema>;

export const AgreementSchema = z.strictObject({
  id: idWithPrefix(['agreement']),
  name: z.string().min(1),
  kind: z.enum(AGREEMENT_KINDS),
  signed: IsoDate.optional(),
  validUntil: IsoDate.optional(),
  description: z.string().min(1),
  confidence: Score01.optional(),
  sensitivity: SensitivitySchema.optional(),
  sources: quotedSources,
});
export type AgreementRecord = z.infer<typeof AgreementSchema>;

export const InitiativeSchema = z.strictObject({
  id: idWithPrefix(['init']),
  name: z.string().min(1),
  acronym: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).optional(),
  kind: z.enum(INITIATIVE_KINDS),
  started: IsoDate.optional(),
  startedPrecision: z.enum(DATE_PRECISIONS).optional(),
  ended: IsoDate.optional(),
  description: z.string().min(1),
  confidence: Score01.optional(),
  sensitivity: SensitivitySchema.optional(),
  sources: quotedSources,
});
export type InitiativeRecord = z.infer<typeof InitiativeSchema>;

export const RelationshipPropertiesSchema = z
  .looseObject({
    role: z.enum(PARTICIPATION_ROLES).optional(),
    frequency: z.string().min(1).optional(),
    severity: z.number().int().min(1).max(5).optional(),
    asOf: IsoDate.optional(),
    reason: z.string().min(1).optional(),
    partKind: z.enum(PART_KINDS).optional(),
  })
  .refine(
    (p) => Object.values(p).every((v) => ['string', 'number', 'boolean'].includes(typeof v)),
    'relationship properties must be strings, numbers or booleans',
  );

export const RelationshipSchema = z
  .strictObject({
    type: z.enum(REL_TYPES),
    from: z.string().min(1),
    to: z.string().min(1),
    validFrom: IsoDate.optional(),
    validTo: IsoDate.optional(),
    confidence: Score01.optional(),
    sensitivity: SensitivitySchema.optional(),
    properties: RelationshipPropertiesSchema.optional(),
    sources: quotedSources,
  })
  .superRefine((r, ctx) => {
    if (r.type === 'PARTICIPATES_IN' && !r.properties?.role) {
      ctx.addIssue({
        code: 'custom',
        path: ['properties', 'role'],
        message: 'PARTICIPATES_IN needs a role',
      });
    }
    if (r.type === 'CONSTRAINED_IN' && !r.properties?.reason) {
      ctx.addIssue({
        code: 'custom',
        path: ['properties', 'reason'],
        message: 'CONSTRAINED_IN needs a reason',
      });
    }
    if (r.type !== 'PART_OF' && r.properties?.partKind !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['properties', 'partKind'], message: 'partKind is only for PART_OF' });
    }
    if (r.type !== 'PARTICIPATES_IN' && r.properties?.role !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['properties', 'role'],
        message: 'role is only for PARTICIPATES_IN',
      });
    }
  });
export type RelationshipRecord = z.infer<typeof RelationshipSchema>;

export const MemberSchema = z.strictObject({
  iso2: z.string().regex(/^[A-Z]{2}$/, 'iso2 must be two upper-case letters'),
  /** Name of the member state if it differs from the region name (e.g. Sahrawi Arab Democratic Republic). */
  name: z.string().min(1).optional(),
  since: IsoDate.optional(),
  until: IsoDate.optional(),
  /** <1 where the membership is disputed (e.g. Venezuela in the OAS). */
  confidence: Score01.optional(),
  remark: z.string().optional(),
});
export type MemberRecord = z.infer<typeof MemberSchema>;

export const MembershipSchema = z.strictObject({
  organization: z.string().min(1),
  asOf: IsoDate,
  source: SourceRefSchema,
  members: z.array(MemberSchema).min(1),
});
export type MembershipRecord = z.infer<typeof MembershipSchema>;

/** Record schema per seed file. */
export const FILE_SCHEMAS = {
  'sources.yaml': SourceSchema,
  'regions.yaml': RegionSchema,
  'threats.yaml': ThreatSchema,
  'actors.yaml': ActorSchema,
  'mandates.yaml': MandateSchema,
  'agreements.yaml': AgreementSchema,
  'initiatives.yaml': InitiativeSchema,
  'relationships.yaml': RelationshipSchema,
  'memberships.yaml': MembershipSchema,
} as const satisfies Record<SeedFile, z.ZodType>;

/** Label of the nodes each node file defines. */
export const FILE_LABELS: Partial<Record<SeedFile, NodeLabel>> = {
  'sources.yaml': 'Source',
  'regions.yaml': 'Region',
  'threats.yaml': 'Threat',
  'actors.yaml': 'Actor',
  'mandates.yaml': 'Mandate',
  'agreements.yaml': 'Agreement',
  'initiatives.yaml': 'Initiative',
};

// ---------------------------------------------------------------------------------------------
// Normalized graph (what readSeed returns and the loader writes)
// ---------------------------------------------------------------------------------------------

export interface SeedNode {
  label: NodeLabel;
  id: string;
  /**
   * Always present: id, name, sensitivity, sourceIds, quotes (parallel to sourceIds, '' when the
   * citation carries no quote). Other properties as in the YAML; dates stay 'YYYY-MM-DD' strings.
   */
  properties: Record<string, unknown>;
}

export interface SeedRelationship {
  type: RelType;
  from: string;
  to: string;
  /**
   * Always present: sensitivity, sourceIds, quotes. Optional: validFrom, validTo ('YYYY-MM-DD'),
   * confidence, and the flattened `properties` of the YAML record (role, frequency, reason, ...).
   */
  properties: Record<string, unknown>;
}

export interface SeedGraph {
  nodes: SeedNode[];
  relationships: SeedRelationship[];
}

/** Id of the member-state Actor generated for a membership iso2 code. */
export function stateActorId(iso2: string): string {
  return `state-${iso2.toLowerCase()}`;
}

/** Id of the country Region for an iso2 code. */
export function countryRegionId(iso2: string): string {
  return `country-${iso2.toLowerCase()}`;
}
