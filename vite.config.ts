import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from './electron/security.ts';

/**
 * The CSP is also sent as a header by the shell and the browser-mode server; the meta tag keeps
 * the page strict wherever it is opened from. `frame-ancestors` is only honoured as a header,
 * so it is dropped here to keep the browser from warning.
 */
function cspMeta(): Plugin {
  const policy = CONTENT_SECURITY_POLICY.split(';')
    .map((d) => d.trim())
    .filter((d) => d && !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'outpost-csp-meta',
    apply: 'build',
    // The browser-mode server reads the full policy (with frame-ancestors) from this file.
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'csp.txt', source: CONTENT_SECURITY_POLICY });
    },
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: policy },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        main: 'renderer/index.html',
        bench: 'renderer/bench.html',
        syncBench: 'renderer/sync-bench.html',
        searchBench: 'renderer/search-bench.html',
        cmdbBench: 'renderer/cmdb-bench.html',
        auditsBench: 'renderer/audits-bench.html',
        kpiBench: 'renderer/kpi-bench.html',
      },
    },
  },
});
