/**
 * Reads and validates the YAML seed, cross-checks references and returns a normalized graph.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { findTextLeaks } from './consistency.js';
import {
  countryRegionId,
  DEFAULT_SENSITIVITY,
  FILE_LABELS,
  FILE_SCHEMAS,
  type MembershipRecord,
  type NodeLabel,
  PART_KINDS,
  REL_ENDPOINTS,
  type RegionRecord,
  type RelationshipRecord,
  SEED_FILES,
  type SeedFile,
  type SeedGraph,
  type SeedNode,
  type SeedRelationship,
  type SourceRef,
  stateActorId,
} from './schema.js';

/** Default seed directory: `seed/data` next to this package's `src`. */
export const DEFAULT_SEED_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'data');

export interface SeedIssue {
  file: string;
  /** 1-based line of the offending field (or record) when known. */
  line?: number;
  /** Position of the record in the file's top-level list (-1 for file-level problems). */
  index: number;
  /** Field path inside the record, e.g. 'sources.0.quote' ('' for the whole record). */
  path: string;
  message: string;
}

export class SeedValidationError extends Error {
  readonly issues: SeedIssue[];
  constructor(issues: SeedIssue[]) {
    const lines = issues.map(
      (i) => `${i.file}${i.line !== undefined ? `:${i.line}` : ''} [${i.index}]${i.path ? ` ${i.path}` : ''}: ${i.message}`,
    );
    super(`Seed validation failed with ${issues.length} problem(s):\n${lines.join('\n')}`);
    this.name = 'SeedValidationError';
    this.issues = issues;
  }
}

interface Located<T> {
  value: T;
  index: number;
  file: SeedFile;
  /** Line of a field path inside the record (falls back to the record's line). */
  lineOf: (path: ReadonlyArray<PropertyKey>) => number | undefined;
}

type Parsed = { [F in SeedFile]: Array<Located<z.infer<(typeof FILE_SCHEMAS)[F]>>> };

function pathString(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => String(p)).join('.');
}

async function parseFile<F extends SeedFile>(dir: string, file: F, issues: SeedIssue[]): Promise<Parsed[F]> {
  const out: Array<Located<unknown>> = [];
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (e) {
    issues.push({ file, index: -1, path: '', message: `cannot read file: ${(e as Error).message}` });
    return out as Parsed[F];
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      issues.push({ file, line: lineAt(err.pos[0]), index: -1, path: '', message: `YAML: ${err.message}` });
    }
    return out as Parsed[F];
  }
  const root = doc.contents;
  if (root === null) return out as Parsed[F]; // empty file: empty list
  if (!isSeq(root)) {
    issues.push({ file, line: lineAt(root.range?.[0]), index: -1, path: '', message: 'file must hold a top-level list' });
    return out as Parsed[F];
  }
  const schema = FILE_SCHEMAS[file];
  const js = doc.toJS() as unknown[];
  root.items.forEach((item, index) => {
    const itemNode = item as YamlNode | null;
    const recordLine = lineAt(itemNode?.range?.[0]);
    const lineOf = (path: ReadonlyArray<PropertyKey>): number | undefined => {
      // Walk down as far as the path exists; report the deepest node found.
      for (let n = path.length; n > 0; n--) {
        const node = doc.getIn([index, ...path.slice(0, n)] as unknown[], true) as YamlNode | undefined;
        if (node && typeof node === 'object' && 'range' in node && node.range) {
          // For a map entry prefer the key's line (the value may start on the next line).
          return lineAt(node.range[0]);
        }
      }
      return recordLine;
    };
    if (!isMap(itemNode)) {
      issues.push({ file, line: recordLine, index, path: '', message: 'each record must be a mapping' });
      return;
    }
    const res = schema.safeParse(js[index]);
    if (!res.success) {
      for (const iss of res.error.issues) {
        issues.push({ file, line: lineOf(iss.path), index, path: pathString(iss.path), message: iss.message });
      }
      return;
    }
    out.push({ value: res.data, index, file, lineOf });
  });
  return out as Parsed[F];
}

/** The YAML path of a stored text field: quotes.i is the quote of sources[i]. */
function yamlPath(field: string): PropertyKey[] {
  const [name, index] = field.split('.');
  if (name === 'quotes') return ['sources', Number(index), 'quote'];
  return index === undefined ? [name as string] : [name as string, Number(index)];
}

function compact(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}

function citation(refs: SourceRef[]): { sourceIds: string[]; quotes: string[] } {
  return { sourceIds: refs.map((r) => r.id), quotes: refs.map((r) => r.quote ?? '') };
}

/**
 * Read, validate and normalize the seed in `dir` (default `seed/data`).
 * Throws SeedValidationError listing every problem found.
 */
export async function readSeed(dir: string = DEFAULT_SEED_DIR): Promise<SeedGraph> {
  const issues: SeedIssue[] = [];
  const parsed = {} as Parsed;
  for (const file of SEED_FILES) {
    // biome-ignore lint/suspicious/noExplicitAny: per-file generic assignment
    (parsed as any)[file] = await parseFile(dir, file, issues);
  }

  const nodes: SeedNode[] = [];
  const relationships: SeedRelationship[] = [];
  // The record each node and relationship comes from, to report a text problem at its line.
  const nodeOrigin = new Map<string, Located<unknown>>();
  const relationshipOrigin: Array<Located<unknown>> = [];
  const addRelationship = (rec: Located<unknown>, rel: SeedRelationship) => {
    relationships.push(rel);
    relationshipOrigin.push(rec);
  };
  const labelOf = new Map<string, NodeLabel>();
  const where = new Map<string, string>();

  const issue = (rec: Located<unknown>, path: ReadonlyArray<PropertyKey>, message: string) =>
    issues.push({ file: rec.file, line: rec.lineOf(path), index: rec.index, path: pathString(path), message });

  // 1. Register node ids (unique across all files).
  for (const file of SEED_FILES) {
    const label = FILE_LABELS[file];
    if (!label) continue;
    for (const rec of parsed[file] as Array<Located<{ id: string }>>) {
      const id = rec.value.id;
      const prev = where.get(id);
      if (prev) {
        issue(rec, ['id'], `duplicate id '${id}' (first defined in ${prev})`);
        continue;
      }
      where.set(id, `${file}[${rec.index}]`);
      nodeOrigin.set(id, rec);
      labelOf.set(id, label);
    }
  }

  const expectLabel = (
    rec: Located<unknown>,
    path: ReadonlyArray<PropertyKey>,
    id: string | undefined,
    allowed: readonly NodeLabel[],
  ): boolean => {
    if (id === undefined) return true;
    const label = labelOf.get(id);
    if (!label) {
      issue(rec, path, `unknown id '${id}' (expected ${allowed.join(' or ')})`);
      return false;
    }
    if (!allowed.includes(label)) {
      issue(rec, path, `'${id}' is a ${label}, expected ${allowed.join(' or ')}`);
      return false;
    }
    return true;
  };
  const checkSources = (rec: Located<{ sources: SourceRef[] }>) => {
    rec.value.sources.forEach((s, i) => {
      expectLabel(rec, ['sources', i, 'id'], s.id, ['Source']);
    });
  };
  const checkDates = (rec: Located<unknown>, fromKey: string, from: string | undefined, toKey: string, to: string | undefined) => {
    if (from && to && from > to) issue(rec, [toKey], `${fromKey} ${from} is after ${toKey} ${to}`);
  };

  // 2. Nodes.
  for (const rec of parsed['sources.yaml']) {
    const { id, title, sensitivity, ...rest } = rec.value;
    nodes.push({
      label: 'Source',
      id,
      properties: compact({
        id,
        name: title,
        title,
        ...rest,
        publisher: Array.isArray(rest.publisher) ? rest.publisher.join('; ') : rest.publisher,
        publishers: Array.isArray(rest.publisher) ? rest.publisher : rest.publisher ? [rest.publisher] : [],
        sensitivity: sensitivity ?? DEFAULT_SENSITIVITY,
        sourceIds: [],
        quotes: [],
      }),
    });
  }

  const byIso2 = new Map<string, Located<RegionRecord>>();
  for (const rec of parsed['regions.yaml']) {
    const { sources, partOf, sensitivity, ...rest } = rec.value;
    checkSources(rec);
    if (rest.iso2) {
      if (byIso2.has(rest.iso2)) issue(rec, ['iso2'], `duplicate iso2 '${rest.iso2}'`);
      else byIso2.set(rest.iso2, rec);
    }
    nodes.push({
      label: 'Region',
      id: rest.id,
      properties: compact({
        ...rest,
        unMember: rest.kind === 'country' ? (rest.unMember ?? true) : undefined,
        sensitivity: sensitivity ?? DEFAULT_SENSITIVITY,
        ...citation(sources),
      }),
    });
    partOf.forEach((parent, i) => {
      if (expectLabel(rec, ['partOf', i], parent, ['Region'])) {
        addRelationship(rec, {
          type: 'PART_OF',
          from: rest.id,
          to: parent,
          properties: { sensitivity: sensitivity ?? DEFAULT_SENSITIVITY, ...citation(sources) },
        });
      }
    });
  }

  for (const rec of parsed['threats.yaml']) {
    const { sources, parent, sensitivity, ...rest } = rec.value;
    checkSources(rec);
    nodes.push({
      label: 'Threat',
      id: rest.id,
      properties: compact({ ...rest, parent, sensitivity: sensitivity ?? DEFAULT_SENSITIVITY, ...citation(sources) }),
    });
    if (parent && expectLabel(rec, ['parent'], parent, ['Threat'])) {
      addRelationship(rec, {
        type: 'SUBTYPE_OF',
        from: rest.id,
        to: parent,
        properties: { sensitivity: sensitivity ?? DEFAULT_SENSITIVITY, ...citation(sources) },
      });
    }
  }

  for (const rec of parsed['actors.yaml']) {
    const { sources, sensitivity, ...rest } = rec.value;
    checkSources(rec);
    checkDates(rec, 'validFrom', rest.validFrom, 'validTo', rest.validTo);
    if (rest.countryIso2 && !byIso2.has(rest.countryIso2)) {
      issue(rec, ['countryIso2'], `no country in regions.yaml with iso2 '${rest.countryIso2}'`);
    }
    nodes.push({
      label: 'Actor',
      id: rest.id,
      properties: compact({ ...rest, sensitivity: sensitivity ?? DEFAULT_SENSITIVITY, ...citation(sources) }),
    });
  }

  for (const rec of parsed['mandates.yaml']) {
    const { sources, sensitivity, ...rest } = rec.value;
    checkSources(rec);
    expectLabel(rec, ['holder'], rest.holder, ['Actor']);
    nodes.push({
      label: 'Mandate',
      id: rest.id,
      properties: compact({ ...rest, sensitivity: sensitivity ?? DEFAULT_SENSITIVITY, ...citation(sources) }),
    });
  }

  for (const rec of parsed['agreements.yaml']) {
    const { sources, sensitivity, ...rest } = rec.value;
    checkSources(rec);
    checkDates(rec, 'signed', rest.signed, 'validUntil', rest.validUntil);
    nodes.push({
      label: 'Agreement',
      id: rest.id,
      properties: compact({ ...rest, sensitivity: sensitivity ?? DEFAULT_SENSITIVITY, ...citation(sources) }),
    });
  }

  for (const rec of parsed['initiatives.yaml']) {
    const { sources, sensitivity, ...rest } = rec.value;
    checkSources(rec);
    checkDates(rec, 'started', rest.started, 'ended', rest.ended);
    nodes.push({
      label: 'Initiative',
      id: rest.id,
      properties: compact({ ...rest, sensitivity: sensitivity ?? DEFAULT_SENSITIVITY, ...citation(sources) }),
    });
  }

  // 3. Relationships.
  const relKeys = new Set<string>();
  for (const rec of parsed['relationships.yaml'] as Array<Located<RelationshipRecord>>) {
    const r = rec.value;
    checkSources(rec);
    const ends = REL_ENDPOINTS[r.type];
    const okFrom = expectLabel(rec, ['from'], r.from, ends.from);
    const okTo = expectLabel(rec, ['to'], r.to, ends.to);
    checkDates(rec, 'validFrom', r.validFrom, 'validTo', r.validTo);
    if (okFrom && okTo && r.type === 'PART_OF' && labelOf.get(r.from) !== labelOf.get(r.to)) {
      issue(rec, ['to'], `PART_OF must connect nodes of the same label (${labelOf.get(r.from)} -> ${labelOf.get(r.to)})`);
    }
    if (okFrom && okTo && r.type === 'PART_OF' && labelOf.get(r.from) === 'Actor' && !r.properties?.partKind) {
      issue(rec, ['properties', 'partKind'], `PART_OF between actors needs a partKind (${PART_KINDS.join(' or ')})`);
    }
    if (r.from === r.to) issue(rec, ['to'], 'a relationship cannot point to itself');
    const key = `${r.type}|${r.from}|${r.to}|${r.validFrom ?? ''}|${r.properties?.role ?? ''}`;
    if (relKeys.has(key)) issue(rec, ['type'], `duplicate relationship ${r.type} ${r.from} -> ${r.to}`);
    relKeys.add(key);
    addRelationship(rec, {
      type: r.type,
      from: r.from,
      to: r.to,
      properties: compact({
        ...(r.properties ?? {}),
        validFrom: r.validFrom,
        validTo: r.validTo,
        confidence: r.confidence,
        sensitivity: r.sensitivity ?? DEFAULT_SENSITIVITY,
        ...citation(r.sources),
      }),
    });
  }

  // 4. Memberships: generate member-state Actors, MEMBER_OF and OPERATES_IN.
  const states = new Map<string, SeedNode>();
  const orgs = new Set<string>();
  for (const rec of parsed['memberships.yaml'] as Array<Located<MembershipRecord>>) {
    const m = rec.value;
    expectLabel(rec, ['organization'], m.organization, ['Actor']);
    expectLabel(rec, ['source', 'id'], m.source.id, ['Source']);
    if (orgs.has(m.organization)) issue(rec, ['organization'], `memberships of '${m.organization}' listed twice`);
    orgs.add(m.organization);
    const seen = new Set<string>();
    m.members.forEach((member, i) => {
      if (seen.has(member.iso2)) issue(rec, ['members', i, 'iso2'], `duplicate member '${member.iso2}'`);
      seen.add(member.iso2);
      checkDates(rec, 'since', member.since, 'until', member.until);
      if (member.until && member.until > m.asOf) {
        issue(rec, ['members', i, 'until'], `until ${member.until} is after the list's asOf ${m.asOf}`);
      }
      const country = byIso2.get(member.iso2);
      if (country?.value.kind !== 'country') {
        issue(rec, ['members', i, 'iso2'], `no country in regions.yaml with iso2 '${member.iso2}'`);
        return;
      }
      const stateId = stateActorId(member.iso2);
      const cite = { sourceIds: [m.source.id], quotes: [m.source.quote ?? ''] };
      let state = states.get(stateId);
      if (!state) {
        state = {
          label: 'Actor',
          id: stateId,
          properties: {
            id: stateId,
            name: member.name ?? country.value.name,
            aliases: member.name ? [country.value.name] : [],
            kind: 'member-state',
            level: 'national',
            description: `Member state (${country.value.name}), generated from memberships.yaml.`,
            countryIso2: member.iso2,
            sensitivity: DEFAULT_SENSITIVITY,
            generated: true,
            sourceIds: [],
            quotes: [],
          },
        };
        states.set(stateId, state);
        if (labelOf.has(stateId)) issue(rec, ['members', i, 'iso2'], `id '${stateId}' clashes with a seed node`);
        labelOf.set(stateId, 'Actor');
        addRelationship(rec, {
          type: 'OPERATES_IN',
          from: stateId,
          to: countryRegionId(member.iso2),
          properties: { sensitivity: DEFAULT_SENSITIVITY, generated: true, ...cite },
        });
      }
      const sp = state.properties as { sourceIds: string[]; quotes: string[] };
      if (!sp.sourceIds.includes(m.source.id)) {
        sp.sourceIds.push(m.source.id);
        sp.quotes.push(m.source.quote ?? '');
      }
      addRelationship(rec, {
        type: 'MEMBER_OF',
        from: stateId,
        to: m.organization,
        properties: compact({
          validFrom: member.since,
          validTo: member.until,
          asOf: m.asOf,
          confidence: member.confidence,
          remark: member.remark,
          sensitivity: DEFAULT_SENSITIVITY,
          generated: true,
          ...cite,
        }),
      });
    });
  }
  nodes.push(...states.values());

  if (issues.length === 0) {
    for (const leak of findTextLeaks({ nodes, relationships })) {
      const rec = leak.element.kind === 'node' ? nodeOrigin.get(leak.element.id) : relationshipOrigin[leak.element.index];
      if (rec) issue(rec, yamlPath(leak.field), `${leak.message}: rewrite the text, or give it the level of the fact`);
    }
  }
  if (issues.length > 0) throw new SeedValidationError(issues);
  return { nodes, relationships };
}
