import type {
  CentralityResponse,
  CommunitiesResponse,
  CoverageResponse,
  GapsResponse,
  PathsResponse,
  RespondersResponse,
  StructureResponse,
} from '../../client/src/api/types';
import { node } from './fixtures';

const au = node('a3', 'Actor', 'African Union', { acronym: 'AU', kind: 'regional-organization' });
const unowas = node('a1', 'Actor', 'United Nations Office for West Africa and the Sahel', { acronym: 'UNOWAS', kind: 'un-entity' });
const westAfrica = node('r1', 'Region', 'West Africa');
const undp = node('a4', 'Actor', 'United Nations Development Programme', { acronym: 'UNDP', kind: 'un-entity' });
const auPsc = node('a5', 'Actor', 'AU Peace and Security Council', { acronym: 'AU PSC', kind: 'regional-body' });
const auCommission = node('a6', 'Actor', 'African Union Commission', { acronym: 'AUC', kind: 'regional-body' });

export const twoPaths: PathsResponse = {
  from: { id: 'a1', name: unowas.name },
  to: { id: 'a3', name: au.name },
  mode: 'k-shortest',
  paths: [
    {
      length: 2,
      nodes: [unowas, westAfrica, au],
      edges: [
        { id: 'e1', source: 'a1', target: 'r1', type: 'OPERATES_IN', sensitivity: 'CLEAR' },
        { id: 'e7', source: 'a3', target: 'r1', type: 'OPERATES_IN', sensitivity: 'CLEAR' },
      ],
      sentence: 'UNOWAS operates in West Africa, where the AU also operates.',
      steps: [
        {
          edgeId: 'e1',
          from: 'a1',
          to: 'r1',
          type: 'OPERATES_IN',
          text: 'UNOWAS operates in West Africa',
          sources: [{ id: 's1', title: 'Note', quote: 'UNOWAS covers West Africa.' }],
        },
        { edgeId: 'e7', from: 'a3', to: 'r1', type: 'OPERATES_IN', text: 'AU operates in West Africa', sources: [] },
      ],
    },
    {
      length: 1,
      nodes: [unowas, au],
      edges: [{ id: 'e9', source: 'a1', target: 'a3', type: 'DIALOGUE_WITH', sensitivity: 'GREEN' }],
      sentence: 'UNOWAS holds a dialogue with the AU.',
      steps: [{ edgeId: 'e9', from: 'a1', to: 'a3', type: 'DIALOGUE_WITH', text: 'UNOWAS holds a dialogue with the AU', sources: [] }],
    },
  ],
};

export const responders: RespondersResponse = {
  threat: { id: 't1', name: 'Coastal spillover of Sahel violence' },
  region: { id: 'r1', name: 'West Africa' },
  weights: { mandate: 0.4, presence: 0.3, instruments: 0.1, dataFeeds: 0.1, ties: 0.1 },
  responders: [
    {
      rank: 1,
      actor: au,
      score: 0.72,
      positioned: true,
      presenceTier: 'field',
      breakdown: {
        mandate: {
          score: 1,
          weight: 0.4,
          contribution: 0.4,
          facts: [
            {
              text: 'AU has a mandate covering coastal spillover',
              relationshipIds: ['e2'],
              sources: [{ id: 's2', title: 'AU PSC communiqué', quote: 'The Council decides…' }],
            },
          ],
        },
        presence: { score: 0.5, weight: 0.3, contribution: 0.15, inherited: true, facts: [] },
      },
      lacks: ['no data feed from an early-warning network'],
      // The AU's organs in the answer, grouped under its row; the best of the family places the row.
      familyScore: 0.8,
      organs: [
        {
          rank: 1,
          actor: auPsc,
          score: 0.8,
          positioned: true,
          presenceTier: 'field',
          breakdown: {
            mandate: { score: 1, weight: 0.4, contribution: 0.4, facts: [] },
            presence: { score: 1, weight: 0.3, contribution: 0.3, facts: [] },
            ties: {
              score: 1,
              weight: 0.1,
              contribution: 0.1,
              facts: [{ text: 'AU PSC holds dialogues with UNOWAS', relationshipIds: ['e7'], sources: [] }],
            },
          },
          lacks: [],
        },
        {
          rank: 2,
          actor: auCommission,
          score: 0.55,
          positioned: true,
          presenceTier: 'members',
          breakdown: {
            mandate: { score: 1, weight: 0.4, contribution: 0.4, inherited: true, facts: [] },
            presence: { score: 0.5, weight: 0.3, contribution: 0.15, facts: [] },
          },
          lacks: [],
        },
      ],
    },
    {
      rank: 2,
      actor: unowas,
      score: 0.3,
      positioned: false,
      presenceTier: 'field',
      breakdown: { presence: { score: 1, weight: 0.3, contribution: 0.3, facts: [] } },
      lacks: [],
    },
    {
      rank: 3,
      actor: undp,
      score: 0.4,
      positioned: false,
      presenceTier: 'global',
      breakdown: { mandate: { score: 1, weight: 0.4, contribution: 0.4, facts: [] } },
      lacks: ['global remit, no field presence in West Africa'],
    },
  ],
};

export const centrality: CentralityResponse = {
  measure: 'betweenness',
  engine: 'gds',
  normalization: 'divided by (n-1)(n-2)',
  estimate: null,
  graph: { nodes: 6, relationships: 2 },
  results: [
    { id: 'a3', name: 'African Union', label: 'Actor', kind: 'regional-organization', value: 4, normalized: 1, rank: 1 },
    { id: 'a1', name: unowas.name, label: 'Actor', kind: 'un-entity', value: 2, normalized: 0.5, rank: 2 },
  ],
};

export const structure: StructureResponse = {
  articulationPoints: [{ id: 'a3', name: 'African Union', label: 'Actor', kind: 'regional-organization', components: 2 }],
  bridges: [{ source: 'a3', target: 't1', type: 'RESPONDS_TO', id: 'e2' }],
};

export const communities: CommunitiesResponse = {
  engine: 'gds',
  algorithm: 'louvain',
  modularity: 0.41,
  communities: [
    { id: 7, size: 1, members: ['a2'] },
    { id: 3, size: 2, members: ['a1', 'r1'] },
  ],
  assignments: { a1: 3, r1: 3, a2: 7 },
};

export const coverage: CoverageResponse = {
  level: 'subregion',
  threats: [{ id: 't1', name: 'Coastal spillover of Sahel violence' }],
  regions: [
    { id: 'r1', name: 'West Africa' },
    { id: 'r2', name: 'Central Africa' },
  ],
  cells: [
    {
      threat: { id: 't1', name: 'Coastal spillover of Sahel violence' },
      region: { id: 'r1', name: 'West Africa' },
      positioned: 3,
      affected: true,
      gaps: { 'early-warning': 1 },
    },
    { threat: 't1', region: 'r2', positioned: 0, affected: false, gaps: {} },
  ],
};

export const gaps: GapsResponse = {
  gaps: [
    {
      kind: 'early-warning',
      threat: { id: 't1', name: 'Coastal spillover of Sahel violence' },
      region: { id: 'r1', name: 'West Africa' },
      actors: [au],
      description: 'No early-warning data reaches the AU on coastal spillover in West Africa.',
      evidence: [{ text: 'AU has no PROVIDES_DATA_TO in West Africa', relationshipIds: ['e2'], sources: [] }],
    },
  ],
};

export const places = {
  nodes: [node('t1', 'Threat', 'Coastal spillover of Sahel violence'), westAfrica, node('r2', 'Region', 'Central Africa')],
  edges: [],
  truncated: false,
};
