// The floor under the API's actor endpoint (overhead.ts --floor), in its own Node process as the
// API runs, so its CPU per request is read from /proc the same way. Three servers answer
// GET /api/actors/:id to the same load generator:
// - FLOOR_MODE=http: node:http writing the API's own JSON body for that id (captured beforehand,
//   FLOOR_BODIES), nothing else: what any Node HTTP server pays per request on this machine;
// - FLOOR_MODE=express: a bare Express 5 app sending the same body (router, res.send, ETag);
// - FLOOR_MODE=driver: node:http running the endpoint's statement on the raw driver (auto-commit,
//   as Database.read) and writing its record as JSON: the raw driver behind the cheapest HTTP.
// And under GET /api/paths?from=…&to=… (FLOOR_MODE=driver-paths): node:http running the path
// endpoint's statement (FLOOR_QUERY, with FLOOR_PARAMS and the two ids) the same way, writing
// its one record as JSON: the path request's floor.
import { readFileSync } from 'node:fs';
import http, { type Server } from 'node:http';
import express from 'express';
import neo4j from 'neo4j-driver';
import { serveToParent } from './childServer.js';

const mode = process.env.FLOOR_MODE as 'http' | 'express' | 'driver' | 'driver-paths';
const ACTOR = /^\/api\/actors\/([^/?]+)/;
const bodies = new Map<string, string>(
  mode.startsWith('driver')
    ? []
    : Object.entries(JSON.parse(readFileSync(process.env.FLOOR_BODIES as string, 'utf8')) as Record<string, string>),
);

function nodeHttp(answer: (id: string) => Promise<string | undefined> | string | undefined): Server {
  return http.createServer(async (req, res) => {
    const id = ACTOR.exec(req.url ?? '')?.[1];
    const body = id === undefined ? undefined : await answer(id);
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
  });
}

function driverServer(): { server: Server; close: () => Promise<void> } {
  const driver = neo4j.driver(process.env.BENCH_NEO4J_URI as string, undefined, { disableLosslessIntegers: true });
  const query = process.env.FLOOR_QUERY as string;
  const allowed = ['CLEAR', 'GREEN', 'AMBER', 'RED'];
  const server = nodeHttp(async (id) => {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(query, { id, allowed, asOf: null, limit: neo4j.int(500) });
      const record = result.records[0];
      return record ? JSON.stringify(record.toObject()) : undefined;
    } finally {
      await session.close();
    }
  });
  return { server, close: () => driver.close() };
}

function driverPathsServer(): { server: Server; close: () => Promise<void> } {
  const driver = neo4j.driver(process.env.BENCH_NEO4J_URI as string, undefined, { disableLosslessIntegers: true });
  const query = process.env.FLOOR_QUERY as string;
  const params = JSON.parse(process.env.FLOOR_PARAMS as string) as Record<string, unknown>;
  const limit = neo4j.int(params.limit as number);
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://floor');
    const from = url.searchParams.get('from');
    const to = url.searchParams.get('to');
    if (url.pathname !== '/api/paths' || !from || !to) {
      res.writeHead(404).end();
      return;
    }
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(query, { ...params, limit, from, to, ids: [from, to] });
      const body = JSON.stringify(result.records[0]?.toObject() ?? null);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
    } finally {
      await session.close();
    }
  });
  return { server, close: () => driver.close() };
}

function expressServer(): Server {
  const app = express();
  app.get('/api/actors/:id', (req, res) => {
    const body = bodies.get(req.params.id);
    if (body === undefined) res.status(404).end();
    else res.type('json').send(body);
  });
  return http.createServer(app);
}

const { server, close } =
  mode === 'driver-paths'
    ? driverPathsServer()
    : mode === 'driver'
      ? driverServer()
      : { server: mode === 'express' ? expressServer() : nodeHttp((id) => bodies.get(id)), close: async () => {} };
serveToParent(server, close);
