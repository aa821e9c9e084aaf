import { defineQueries } from '../../db/queries.js';

export const q = defineQueries('centrality', [
  'regionScope',
  'threatScope',
  'sliceNodes',
  'sliceEdges',
  'nodeDetails',
  'gdsProject',
  'gdsDrop',
  'gdsDegree',
  'gdsBetweenness',
  'gdsCloseness',
  'gdsHarmonic',
  'gdsPageRank',
  'gdsEigenvector',
  'gdsLouvain',
  'gdsCommunities',
]);
