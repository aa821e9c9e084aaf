/**
 * Plain words for every code the API speaks: actor kinds, node labels, relationship types, gap
 * kinds, centrality measures and their formulas. The interface shows these words; the code stays
 * available (`title`) as a tooltip for researchers who query the API or export the graph.
 */
import type { CentralityMeasure, CoverageLevel, GapKind } from '@atlas/seed/src/contract';
import type { ActorKind, NodeLabel, RelType } from '@atlas/seed/src/schema';
import type { PresenceTier } from './api/types';

/** A code in plain words: `name` to show, `about` for a longer explanation where one helps. */
export interface Word {
  name: string;
  about?: string;
}

export const ACTOR_KIND_WORDS: Record<ActorKind, Word> = {
  'un-entity': { name: 'UN entity', about: 'A UN department, office, programme or system-wide function (DPPA, PBSO, UNDP…)' },
  'un-intergovernmental-body': { name: 'UN intergovernmental body', about: 'A UN body made of member states (Peacebuilding Commission)' },
  'regional-organization': { name: 'Regional organisation', about: 'AU, OAS, ASEAN, CARICOM, Pacific Islands Forum' },
  'subregional-organization': { name: 'Subregional organisation', about: 'ECOWAS and similar economic communities' },
  'regional-body': { name: 'Body of a regional organisation', about: 'An organ or mechanism such as the AU Peace and Security Council' },
  'regional-architecture': { name: 'Regional architecture', about: 'The institutional architecture of a regional organisation (APSA)' },
  'civil-society': { name: 'Civil society', about: 'NGOs and civil-society networks (WANEP, GPPAC, GNWP)' },
  ifi: { name: 'Development bank', about: 'International financial institution (World Bank, African Development Bank)' },
  donor: { name: 'Donor' },
  'member-state': { name: 'Member state' },
  'think-tank': { name: 'Think tank' },
  foundation: { name: 'Foundation' },
  'intergovernmental-organization': { name: 'Other intergovernmental organisation', about: 'International IDEA, Community of Democracies' },
  'national-institution': { name: 'National institution', about: 'A state institution other than the state itself, such as a judiciary' },
  'local-actors': { name: 'Local actors', about: 'Local actors of one country, named collectively in a source' },
};

export const NODE_LABEL_WORDS: Record<NodeLabel, Word> = {
  Actor: { name: 'Actor', about: 'An organisation, network or state that can act' },
  Mandate: { name: 'Mandate', about: 'What an actor is formally authorised to do' },
  Agreement: { name: 'Agreement', about: 'A memorandum of understanding or other formal agreement' },
  Initiative: { name: 'Programme or initiative' },
  Threat: { name: 'Threat to peace' },
  Region: { name: 'Place', about: 'A continent, subregion or country' },
  Source: { name: 'Source document' },
};

/** Relationship types as a short phrase that reads "A … B". */
export const REL_TYPE_WORDS: Record<RelType, Word> = {
  MEMBER_OF: { name: 'member of' },
  PART_OF: { name: 'part of' },
  SUBTYPE_OF: { name: 'a kind of', about: 'One threat is a subtype of another' },
  HAS_MANDATE: { name: 'has the mandate' },
  LACKS_MANDATE: { name: 'has no mandate for', about: 'A recorded absence of mandate' },
  COVERS: { name: 'mandate covers threat' },
  APPLIES_IN: { name: 'mandate applies in' },
  OPERATES_IN: { name: 'works in' },
  PARTY_TO: { name: 'party to agreement' },
  PARTICIPATES_IN: { name: 'takes part in' },
  TARGETS: { name: 'programme addresses threat' },
  SPANS: { name: 'programme spans' },
  FUNDS: { name: 'funds' },
  PROVIDES_DATA_TO: { name: 'sends early-warning data to' },
  DIALOGUE_WITH: { name: 'holds dialogue with' },
  SUPPORTS: { name: 'supports' },
  AFFECTS: { name: 'threat affects place' },
  CONSTRAINED_IN: { name: 'constrained in', about: 'An actor whose action in a place is limited (e.g. by geopolitics)' },
  ESTABLISHED: { name: 'established' },
  SUCCEEDED_BY: { name: 'succeeded by' },
};

export const GAP_KIND_WORDS: Record<GapKind, Word> = {
  uncovered: { name: 'No one mandated is present', about: 'The threat affects the place, but no actor with a mandate for it works there.' },
  uncoordinated: {
    name: 'Responders without an agreement',
    about: 'Two actors respond to the same threat in the same place with no agreement between them.',
  },
  'presence-without-mandate': { name: 'Present without a mandate', about: 'An organisation works in a place where it has no mandate.' },
  'early-warning': {
    name: 'Early warning without civil-society data',
    about: 'A regional early-warning system has no civil-society organisation sending it data.',
  },
  'single-point-of-failure': {
    name: 'Single point of failure',
    about: 'One actor whose removal would cut the network of responders in two.',
  },
  unfunded: { name: 'Nothing funded', about: 'The threat affects the place and no programme targets it there.' },
  'no-funding-recorded': {
    name: 'Funding not recorded',
    about: 'Programmes target the threat here, but the graph holds no funding data for them: unknown, not unfunded.',
  },
};

/** Centrality measures: the question each one answers, and its formula in words. */
export const MEASURE_WORDS: Record<CentralityMeasure, Word> = {
  degree: { name: 'Most connections', about: 'Counts distinct neighbours, whatever the direction of the tie.' },
  'in-degree': { name: 'Most ties received', about: 'Counts the actors with a tie towards this one.' },
  'out-degree': { name: 'Most ties given', about: 'Counts the actors this one has a tie towards.' },
  betweenness: {
    name: 'Brokers (on most shortest routes)',
    about: 'Share of the shortest routes between every other pair that pass through this node: who sits between others.',
  },
  closeness: { name: 'Closest to everyone', about: 'How few steps it takes, on average, to reach the nodes it can reach.' },
  harmonic: { name: 'Closest to everyone (counting unreachable)', about: 'Sum of 1 / steps to every other node; unreachable nodes add 0.' },
  pagerank: { name: 'Most referred to (PageRank)', about: 'Ties from well-connected nodes count more; the scores add up to 1.' },
  eigenvector: { name: 'Connected to the well connected', about: 'High when a node’s neighbours are themselves central.' },
};

export const COVERAGE_LEVEL_WORDS: Record<CoverageLevel, Word> = {
  continent: { name: 'continent' },
  subregion: { name: 'subregion' },
  country: { name: 'country' },
};

/** How a responder is in the region asked (presenceTier of GET /api/responders). */
export const PRESENCE_TIER_WORDS: Record<PresenceTier, Word> = {
  field: { name: 'Field presence', about: 'Works in the place, in a part of it, or in a region that contains it' },
  members: { name: 'Present through its members', about: 'Present only through its member states in the place' },
  global: {
    name: 'Global remit, no field presence',
    about: 'A world-level remit, not a presence on the ground: it never makes an actor positioned',
  },
  none: { name: 'No presence recorded', about: 'The graph records no presence of this actor in the place' },
};

/** Where a centrality was computed, as the Brokers caption says it. */
export const ENGINE_WORDS: Record<string, Word> = {
  gds: { name: 'computed in Neo4j Graph Data Science' },
  'in-process': { name: 'computed by the Atlas server' },
};

/** Turns an unknown code into words ("MEMBER_OF" → "member of", "un-entity" → "un entity"). */
export function humanize(code: string): string {
  return code.replace(/[_-]+/g, ' ').toLowerCase().trim();
}

function lookup(words: Record<string, Word>, code: string): Word {
  return Object.hasOwn(words, code) ? (words[code] as Word) : { name: humanize(code) };
}

export const actorKindWord = (kind: string) => lookup(ACTOR_KIND_WORDS, kind);
export const nodeLabelWord = (label: string) => lookup(NODE_LABEL_WORDS, label);
export const relTypeWord = (type: string) => lookup(REL_TYPE_WORDS, type);
export const gapKindWord = (kind: string) => lookup(GAP_KIND_WORDS, kind);
export const measureWord = (measure: string) => lookup(MEASURE_WORDS, measure);
export const engineWord = (engine: string) => lookup(ENGINE_WORDS, engine);
export const presenceTierWord = (tier: string) => lookup(PRESENCE_TIER_WORDS, tier);

/** Plain name of a node's kind: an actor's own kind, otherwise its label. */
export function kindWord(kind: string): Word {
  return Object.hasOwn(NODE_LABEL_WORDS, kind) ? (NODE_LABEL_WORDS[kind as NodeLabel] as Word) : actorKindWord(kind);
}

/** The tooltip for a worded code: the explanation if any, then the code the API and exports use. */
export function tooltip(word: Word, code: string): string {
  return word.about ? `${word.about} (code: ${code})` : `code: ${code}`;
}
