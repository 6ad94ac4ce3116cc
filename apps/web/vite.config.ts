import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The web app is built into apps/web/dist, which the server serves at / (with the SPA fallback). In
// development, `npx vite apps/web` proxies the API to a server on :8080.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes('echarts') || id.includes('zrender')) return 'echarts';
          if (id.includes('node_modules/antd') || id.includes('@ant-design') || id.includes('rc-'))
            return 'antd';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/ceb': 'http://localhost:8080',
      '/verify': 'http://localhost:8080',
    },
  },
});
