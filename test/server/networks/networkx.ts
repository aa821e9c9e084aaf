import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The networkx side of the network tests (networkx_tool.py), run with the system's python3. */
const TOOL = path.join(path.dirname(fileURLToPath(import.meta.url)), 'networkx_tool.py');

export function networkx<T>(...args: string[]): T {
  return JSON.parse(execFileSync('python3', [TOOL, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as T;
}

export interface NetworkxGraph {
  directed: boolean;
  nodes: Record<string, Record<string, unknown>>;
  edges: [string, string, Record<string, unknown>][];
}
