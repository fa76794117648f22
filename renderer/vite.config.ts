import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
// With its extension: Vite's coming native config loader (plain Node) resolves no extensionless import.
import { contentSecurityPolicy } from '../shared/protocol/contentSecurityPolicy.ts';
// The config runs in Node but is typechecked with the renderer (no Node types): URL is enough here.
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

/**
 * The page's Content-Security-Policy as a meta tag too, so the built index.html carries it wherever
 * it is opened (both shells also send it as a header). Built app only: the dev server injects an
 * inline React Refresh preamble, which the policy would block.
 */
function contentSecurityPolicyMeta(): Plugin {
  const policy = contentSecurityPolicy('websocket', 'meta');
  return {
    name: 'deepwire-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`),
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), contentSecurityPolicyMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The editor is one screen; a single chunk loads fastest from disk or localhost.
    chunkSizeWarningLimit: 2000,
  },
  // Templates live in ../templates (outside the renderer root) and are bundled by import.meta.glob.
  server: { fs: { allow: ['..'] } },
  preview: { port: 4173 },
});
