// Types of buildServer.mjs (plain JavaScript, so the bootstrap can run it before TypeScript).
export const root: string;
export const SERVER_ENTRY: string;
export const SERVER_BUILD: string;
export function isStale(entry: string, outfile: string): boolean;
export function ensureBuilt(options?: { entry?: string; outfile?: string; log?: (line: string) => void }): Promise<string>;
