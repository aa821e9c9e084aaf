import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

// Server integration and end-to-end tests share the one Neo4j that test/run.ts starts, and
// Neo4j Community has one user database, so test files run one at a time.
export default defineConfig({
  test: {
    root,
    fileParallelism: false,
    projects: [
      {
        plugins: [react()],
        test: {
          name: 'client',
          root,
          environment: 'jsdom',
          include: ['test/client/**/*.test.{ts,tsx}'],
          setupFiles: ['test/client/setup.ts'],
        },
      },
      {
        test: {
          name: 'server',
          root,
          environment: 'node',
          include: ['test/server/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          root,
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
