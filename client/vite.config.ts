import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiPort = process.env.ATLAS_PORT ?? '4000';

export default defineConfig({
  // Pinned so `vite build client` from the repo root and `npm run build -w client` agree.
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false },
    },
  },
  // The layout worker loads fCoSE on demand (a dynamic import), which only ES-module workers can split.
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Cytoscape alone is ~450 kB minified and the first draw needs it; panels, the table view,
    // exporters and layouts are split off (dynamic imports) and load after the first draw.
    chunkSizeWarningLimit: 800,
  },
});
