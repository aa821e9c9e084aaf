import type { Actor, ActorSearchResult, GraphNode, GraphResponse } from '../../client/src/api/types';

export function node(id: string, label: GraphNode['label'], name: string, extra: Partial<GraphNode> = {}): GraphNode {
  return { id, label, name, sensitivity: 'CLEAR', ...extra };
}

export const smallGraph: GraphResponse = {
  nodes: [
    node('a1', 'Actor', 'United Nations Office for West Africa and the Sahel', { acronym: 'UNOWAS', kind: 'un-entity' }),
    node('a2', 'Actor', 'Department of Political and Peacebuilding Affairs', { acronym: 'DPPA', kind: 'un-entity' }),
    node('a3', 'Actor', 'African Union', { acronym: 'AU', kind: 'regional-organization' }),
    node('a4', 'Actor', 'Women Mediators Network', { kind: 'militia-watch' }),
    node('t1', 'Threat', 'Coastal spillover of Sahel violence'),
    node('r1', 'Region', 'West Africa'),
  ],
  edges: [
    { id: 'e1', source: 'a1', target: 'r1', type: 'OPERATES_IN', sensitivity: 'CLEAR' },
    { id: 'e2', source: 'a3', target: 't1', type: 'RESPONDS_TO', sensitivity: 'GREEN' },
  ],
  truncated: false,
};

export const searchResults: ActorSearchResult[] = [
  { id: 'a1', name: 'United Nations Office for West Africa and the Sahel', acronym: 'UNOWAS', aliases: [], kind: 'un-entity', score: 3.2 },
  {
    id: 'a9',
    name: 'West African Network for Peacebuilding',
    acronym: 'WANEP',
    aliases: ['WANEP Regional'],
    kind: 'civil-society',
    score: 2.9,
  },
];

export const wanep: Actor = {
  id: 'a9',
  name: 'West African Network for Peacebuilding',
  acronym: 'WANEP',
  aliases: ['WANEP Regional'],
  kind: 'civil-society',
  level: 'regional',
  description: 'Fixture description of a civil-society network.',
  sensitivity: 'GREEN',
  sources: [
    {
      id: 's1',
      title: 'Fixture source: annual report',
      quote: 'Fixture quote about an early-warning network.',
      url: 'https://example.org/report',
      date: '2023-05-01',
    },
    { id: 's2', title: 'Fixture source without a quote', quote: null, url: 'javascript:alert(1)' },
  ],
};
