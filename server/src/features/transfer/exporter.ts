import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { NodeLabel } from '@atlas/seed';
import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';
import type { Caller } from '../../http/caller.js';
import { citedOnly, fromStored, visibleSourceIds } from '../entities/model.js';
import type { ExportNode, ExportRelationship, Writer } from './writers.js';

const q = defineQueries('transfer', ['exportNodes', 'exportRelationships']);
const audit = defineQueries('audit', ['changedAfter']);

export interface ExportOptions {
  caller: Caller;
  labels: NodeLabel[];
  /** Reconstruct the graph as recorded at this instant (ISO date-time) from the audit trail. */
  knownAt?: string | undefined;
}

export interface ExportCounts {
  nodes: number;
  relationships: number;
}

/** Writes text to a stream, waiting whenever the stream asks the writer to slow down. */
async function put(out: Writable, text: string): Promise<void> {
  if (text && !out.write(text)) await once(out, 'drain');
}

interface PastState {
  before: Record<string, unknown> | null;
  entityLabel: string | null;
  relType: string | null;
  fromId: string | null;
  toId: string | null;
  entitySensitivity: string;
}

/**
 * Streams what the caller may see, in one read transaction (one consistent snapshot), through
 * a format writer. With knownAt, each entity changed since then is replaced by its state
 * before its first later change (the audit trail's before), entities recorded later are left
 * out and deleted ones come back; an entity must be visible both then and now.
 */
export async function exportGraph(db: Database, writer: Writer, out: Writable, options: ExportOptions): Promise<ExportCounts> {
  const allowed = options.caller.allowed as string[];
  const counts = { nodes: 0, relationships: 0 };
  const meta = { exportedAt: new Date().toISOString(), clearance: options.caller.clearance, knownAt: options.knownAt ?? null };
  await db.readTransaction(async (tx) => {
    counts.nodes = 0;
    counts.relationships = 0;
    const past = new Map<string, PastState>();
    if (options.knownAt) {
      for (const r of (await tx.run(audit.changedAfter, { at: options.knownAt })).records) {
        const change = r.get('change') as Omit<PastState, 'before'> & { before: string | null };
        past.set(`${r.get('kind')}:${r.get('entityId')}`, { ...change, before: change.before ? JSON.parse(change.before) : null });
      }
    }
    const knownAt = options.knownAt ? Date.parse(options.knownAt) : null;
    const recordedLater = (recordedAt: string | null) => knownAt !== null && recordedAt !== null && Date.parse(recordedAt) > knownAt;
    const emitted = new Set<string>();
    const sources = await visibleSourceIds(tx, allowed);

    await put(out, writer.begin(meta));
    const emitNode = async (node: ExportNode) => {
      if (!allowed.includes(node.properties.sensitivity as string) || !options.labels.includes(node.label as NodeLabel)) return;
      emitted.add(node.id);
      counts.nodes++;
      await put(out, writer.node({ ...node, properties: citedOnly(node.properties, sources) }));
    };
    for await (const record of tx.run(q.exportNodes, { labels: options.labels, allowed })) {
      const { version, recordedAt, properties } = fromStored(record.get('props'));
      const node: ExportNode = { label: record.get('label'), id: String(properties.id), version, recordedAt, properties };
      const key = `node:${node.id}`;
      const then = past.get(key);
      past.delete(key);
      if (then) {
        if (then.before) await emitNode({ ...node, properties: then.before, recordedAt: null, version: version - 1 });
      } else if (!recordedLater(recordedAt)) await emitNode(node);
    }
    // Nodes deleted since knownAt but known then (still invisible if their last level is hidden).
    for (const [key, then] of past) {
      if (!key.startsWith('node:') || !then.before || !allowed.includes(then.entitySensitivity) || !then.entityLabel) continue;
      await emitNode({ label: then.entityLabel, id: String(then.before.id), version: 0, recordedAt: null, properties: then.before });
    }
    await put(out, writer.middle());

    const emitRelationship = async (rel: ExportRelationship) => {
      if (!allowed.includes(rel.properties.sensitivity as string) || !emitted.has(rel.from) || !emitted.has(rel.to)) return;
      counts.relationships++;
      await put(out, writer.relationship({ ...rel, properties: citedOnly(rel.properties, sources) }));
    };
    for await (const record of tx.run(q.exportRelationships, { labels: options.labels, allowed })) {
      const { version, recordedAt, properties } = fromStored(record.get('props'));
      const rel: ExportRelationship = {
        type: record.get('type'),
        id: String(properties.id),
        from: record.get('from'),
        to: record.get('to'),
        version,
        recordedAt,
        properties,
      };
      const key = `relationship:${rel.id}`;
      const then = past.get(key);
      past.delete(key);
      if (then) {
        if (then.before) await emitRelationship({ ...rel, properties: then.before, recordedAt: null, version: version - 1 });
      } else if (!recordedLater(recordedAt)) await emitRelationship(rel);
    }
    for (const [key, then] of past) {
      if (!key.startsWith('relationship:') || !then.before || !allowed.includes(then.entitySensitivity)) continue;
      if (!then.relType || !then.fromId || !then.toId) continue;
      await emitRelationship({
        type: then.relType,
        id: String(then.before.id),
        from: then.fromId,
        to: then.toId,
        version: 0,
        recordedAt: null,
        properties: then.before,
      });
    }
    await put(out, writer.end());
  }, 600_000);
  return counts;
}
