import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
// The config runs in Node but is typechecked with the renderer (no Node types): URL is enough here.
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

/**
 * A strict Content-Security-Policy for the built app only: the dev server injects an inline
 * React Refresh preamble, which a strict policy would block. React Flow positions nodes with
 * style attributes, hence 'unsafe-inline' for styles (never for scripts).
 */
function contentSecurityPolicy(): Plugin {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
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
  plugins: [react(), contentSecurityPolicy()],
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
