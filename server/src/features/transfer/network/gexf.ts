import type { Readable } from 'node:stream';
import { type PlainElement, typedValue, type Value } from './elements.js';
import { readXml } from './xml.js';

interface Attribute {
  title: string;
  type: string | undefined;
  default?: Value;
}

/**
 * GEXF 1.1 to 1.3 as Gephi and networkx (`write_gexf`) write it: <attributes class="node|edge">
 * declare each attribute (id, title, type, default); an element's <attvalue for value> gives its
 * value. A node's `label` and an edge's `label`, `weight` and `kind` attributes are attributes by
 * those names; `start`/`end` (GEXF's spell) become `start`/`end`. The graph's defaultedgetype
 * gives the direction ('mutual' counts as undirected), an edge's `type` overrides it.
 */
export function readGexf(input: Readable, file: string): AsyncGenerator<PlainElement> {
  const declared = { node: new Map<string, Attribute>(), edge: new Map<string, Attribute>() };
  let attributeClass: 'node' | 'edge' | null = null;
  let pending: Attribute | null = null;
  let directed = false;
  let current: PlainElement | null = null;
  const defaults = (of: Map<string, Attribute>): Record<string, Value> =>
    Object.fromEntries([...of.values()].flatMap((a) => (a.default === undefined ? [] : [[a.title, a.default]])));
  const own = (attrs: Record<string, string>, names: string[]): Record<string, Value> =>
    Object.fromEntries(
      names
        .filter((n) => attrs[n] !== undefined)
        .map((n) => [n, n === 'weight' ? typedValue('double', attrs[n] as string) : (attrs[n] as string)]),
    );
  return readXml<PlainElement>(input, file, {
    open(name, attrs, line) {
      if (name === 'graph' && attrs.defaultedgetype) directed = attrs.defaultedgetype === 'directed';
      else if (name === 'attributes') attributeClass = attrs.class === 'edge' ? 'edge' : attrs.class === 'node' ? 'node' : null;
      else if (name === 'attribute' && attributeClass && attrs.id !== undefined) {
        pending = { title: attrs.title ?? attrs.id, type: attrs.type };
        declared[attributeClass].set(attrs.id, pending);
      } else if (name === 'node' && attrs.id !== undefined && !current)
        current = { kind: 'node', id: attrs.id, attrs: { ...defaults(declared.node), ...own(attrs, ['label', 'start', 'end']) }, line };
      else if (name === 'edge' && !current) {
        const type = attrs.type;
        current = {
          kind: 'edge',
          id: attrs.id,
          source: attrs.source ?? '',
          target: attrs.target ?? '',
          directed: type === undefined ? directed : type === 'directed',
          attrs: { ...defaults(declared.edge), ...own(attrs, ['label', 'weight', 'kind', 'start', 'end']) },
          line,
        };
      } else if (name === 'attvalue' && current && attrs.for !== undefined && attrs.value !== undefined) {
        const attribute = declared[current.kind].get(attrs.for);
        current.attrs[attribute?.title ?? attrs.for] = typedValue(attribute?.type, attrs.value);
      }
    },
    close(name, text, emit) {
      if (name === 'default' && pending) pending.default = typedValue(pending.type, text);
      else if (name === 'attribute') pending = null;
      else if (name === 'attributes') attributeClass = null;
      else if ((name === 'node' || name === 'edge') && current && current.kind === name) {
        emit(current);
        current = null;
      }
    },
  });
}
