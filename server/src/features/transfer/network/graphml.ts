import type { Readable } from 'node:stream';
import { type PlainElement, typedValue, type Value } from './elements.js';
import { readXml } from './xml.js';

interface Key {
  name: string;
  type: string | undefined;
  default?: Value;
}

/**
 * Plain GraphML as networkx (`write_graphml`), igraph (`write_graphml`), Gephi and yEd write it:
 * <key> declarations give each attribute its name (attr.name), type (attr.type) and default;
 * the graph's edgedefault gives the direction, an edge's own `directed` overrides it. Keys
 * without attr.name (yEd's graphics) are skipped. Defaults are filled in where an element has no
 * data for a key, as networkx does when it reads.
 */
export function readPlainGraphml(input: Readable, file: string): AsyncGenerator<PlainElement> {
  const keys = { node: new Map<string, Key>(), edge: new Map<string, Key>() };
  let pendingKey: Key | null = null;
  let directed = false;
  let current: PlainElement | null = null;
  let dataKey: Key | null = null;
  const defaults = (of: Map<string, Key>): Record<string, Value> =>
    Object.fromEntries([...of.values()].flatMap((k) => (k.default === undefined ? [] : [[k.name, k.default]])));
  return readXml<PlainElement>(input, file, {
    open(name, attrs, line) {
      if (name === 'key') {
        const key: Key = { name: attrs['attr.name'] ?? '', type: attrs['attr.type'] ?? attrs['attr.list'] };
        pendingKey = key;
        if (!key.name || !attrs.id) return;
        for (const kind of attrs.for === 'all'
          ? (['node', 'edge'] as const)
          : attrs.for === 'edge'
            ? (['edge'] as const)
            : attrs.for === 'node'
              ? (['node'] as const)
              : [])
          keys[kind].set(attrs.id, key);
      } else if (name === 'graph' && attrs.edgedefault) directed = attrs.edgedefault === 'directed';
      else if (name === 'node' && attrs.id !== undefined) current = { kind: 'node', id: attrs.id, attrs: defaults(keys.node), line };
      else if (name === 'edge')
        current = {
          kind: 'edge',
          id: attrs.id,
          source: attrs.source ?? '',
          target: attrs.target ?? '',
          directed: attrs.directed === undefined ? directed : attrs.directed === 'true',
          attrs: defaults(keys.edge),
          line,
        };
      else if (name === 'data' && current && attrs.key) dataKey = keys[current.kind].get(attrs.key) ?? null;
    },
    close(name, text, emit) {
      if (name === 'default' && pendingKey) pendingKey.default = typedValue(pendingKey.type, text);
      else if (name === 'key') pendingKey = null;
      else if (name === 'data' && current && dataKey) {
        current.attrs[dataKey.name] = typedValue(dataKey.type, text);
        dataKey = null;
      } else if ((name === 'node' || name === 'edge') && current) {
        emit(current);
        current = null;
      }
    },
  });
}
