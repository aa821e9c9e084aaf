import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Self-contained config for the client unit tests (jsdom); to be merged into the main config later.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  plugins: [react()],
  test: {
    name: 'client',
    environment: 'jsdom',
    include: ['test/client/**/*.test.{ts,tsx}'],
    setupFiles: ['test/client/setup.ts'],
  },
});
