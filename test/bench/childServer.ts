// The handshake between a benchmark and a server it runs as a child process (apiProcess.ts):
// the child listens on a free port and sends it; on 'close' it stops accepting, ends its open
// connections, runs its own clean-up, says so, and exits (so a CPU profile is written before
// the parent's kill).
import type { Server } from 'node:http';

export function serveToParent(server: Server, close: () => Promise<void>): void {
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  process.on('message', async (message: unknown) => {
    if (message !== 'close') return;
    server.closeAllConnections();
    server.close();
    await close();
    process.send?.({ closed: true }, () => process.exit(0));
  });
}
