import react from '@vitejs/plugin-react';
import { defineConfig, type PluginOption } from 'vite';

// In dev the SPA runs on Vite's port and talks to a locally running `atrium serve`;
// proxying keeps every call same-origin so the session cookie and CSRF header just work.
const backend = 'http://127.0.0.1:3000';

export default defineConfig({
  // The plugin is hoisted beside vitest's newer Vite, so its types name that Vite; the plugin
  // API is the same, only the declaration files differ.
  plugins: [react() as unknown as PluginOption],
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/healthz': { target: backend },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Libraries change less often than the app: separate chunks stay cached across releases.
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (!id.includes('/node_modules/')) return undefined;
          // The dashboard chart's libraries load with the chart only (the home page asks lazily).
          if (
            /\/node_modules\/(@mantine\/charts|recharts|d3-[a-z-]+|victory-vendor|@reduxjs|react-redux|immer|reselect|es-toolkit|decimal\.js-light|eventemitter3)\//.test(
              id,
            )
          )
            return 'charts';
          if (id.includes('/@mantine/')) return 'mantine';
          if (id.includes('/@tanstack/')) return 'tanstack';
          if (/\/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
          return 'vendor';
        },
      },
    },
  },
});
