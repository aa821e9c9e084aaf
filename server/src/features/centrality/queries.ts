import { defineQueries } from '../../db/queries.js';

export const q = defineQueries('centrality', [
  'regionScope',
  'threatScope',
  'sliceNodes',
  'sliceEdges',
  'sliceNodesWhole',
  'sliceEdgesWhole',
  'importsInFlight',
  'nodeDetails',
  'gdsProject',
  'gdsDrop',
  'gdsSweep',
  'gdsDegree',
  'gdsBetweenness',
  'gdsCloseness',
  'gdsHarmonic',
  'gdsPageRank',
  'gdsEigenvector',
  'gdsLouvain',
  'gdsCommunities',
  'gdsDropProperty',
]);
