import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { repoRoot } from '../../config.js';
import { openApiDocument } from './openapi.js';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

type Doc = ReturnType<typeof openApiDocument>;
interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: Record<string, unknown>;
}
interface OperationView {
  tags: string[];
  summary: string;
  parameters: Parameter[];
  requestBody?: { content: Record<string, { schema: unknown }> };
}

/** What a parameter accepts, in one line: the enum, the type and its bounds. */
function accepts(schema: Record<string, unknown>): string {
  const bits = [
    Array.isArray(schema.enum) ? `one of ${schema.enum.join(', ')}` : String(schema.type ?? 'any'),
    ...['format', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'default']
      .filter((k) => schema[k] !== undefined)
      .map((k) => `${k} ${String(schema[k])}`),
  ];
  return bits.join('; ');
}

function operationHtml(method: string, path: string, op: OperationView): string {
  const rows = op.parameters
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.in}</td><td>${p.required ? 'yes' : ''}</td><td>${escapeHtml(accepts(p.schema))}</td></tr>`,
    )
    .join('');
  const body = op.requestBody
    ? `<details><summary>Request body (${escapeHtml(Object.keys(op.requestBody.content).join(', '))})</summary><pre>${escapeHtml(
        JSON.stringify(Object.values(op.requestBody.content)[0]?.schema, null, 2),
      )}</pre></details>`
    : '';
  const table = rows ? `<table><tr><th>Parameter</th><th>In</th><th>Required</th><th>Accepts</th></tr>${rows}</table>` : '';
  const id = `${method}-${path}`.replace(/[^\w-]+/g, '-');
  return `<section id="${id}"><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3><p>${escapeHtml(op.summary)}</p>${table}${body}</section>`;
}

/** The reference as one static page: no script, so the API's strict CSP holds and nothing loads from elsewhere. */
export function referencePage(doc: Doc): string {
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods as Record<string, OperationView>)) {
      const tag = op.tags[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(method, path, op)]);
    }
  }
  const sections = [...byTag].map(([tag, ops]) => `<h2>${escapeHtml(tag)}</h2>${ops.join('')}`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · Stakeholder Atlas</title><link rel="icon" href="data:,">
<style>body{font:15px system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}section{border-top:1px solid #ddd;padding:.5rem 0}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}pre{background:#f6f6f6;padding:.5rem;overflow:auto}
.m{font:bold 13px monospace;padding:.1rem .4rem;border-radius:3px;background:#eee}.get{background:#dbeafe}.post{background:#dcfce7}.patch{background:#fef9c3}.delete{background:#fee2e2}</style>
</head><body><main><h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.description)} Errors are <code>application/problem+json</code> (RFC 9457). Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
${sections}</main></body></html>`;
}

const packageVersion = (): string => (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** GET /api/openapi.json and GET /api/docs, built once. */
export function referenceRouter(): Router {
  const doc = openApiDocument(packageVersion());
  const page = referencePage(doc);
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(doc);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(page);
  });
  return router;
}
