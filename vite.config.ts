/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Content-Security-Policy of the built app: no inline scripts or styles, no eval, nothing from another
 * origin. React's `style` props go through the CSSOM, which style-src does not govern. The world map's
 * country shapes (`public/world/`) and the worker are same-origin files.
 */
const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];
/** As a <meta> tag (frame-ancestors is ignored there, and Chromium warns if it is present). */
const CSP_META = CSP_DIRECTIVES.join('; ');
/** As a response header of `vite preview`: the same policy, plus frame-ancestors. */
const CSP_HEADER = [...CSP_DIRECTIVES, "frame-ancestors 'none'"].join('; ');
/**
 * The dev server's policy is looser: @vitejs/plugin-react injects an inline module script (the React
 * Refresh preamble), Vite injects CSS as <style> elements and HMR talks over a WebSocket. It still forbids
 * eval, plugins, other origins and framing.
 */
const CSP_DEV = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** Writes the policy into the built index.html right after <meta charset> (build only, see CSP_DEV). */
function cspMeta(): Plugin {
  const charset = /<meta charset="UTF-8" \/>/i;
  return {
    name: 'csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      if (!charset.test(html)) throw new Error('csp-meta: index.html has no <meta charset="UTF-8" />');
      return html.replace(
        charset,
        (tag) => `${tag}\n    <meta http-equiv="Content-Security-Policy" content="${CSP_META}" />`,
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), cspMeta()],
  build: {
    target: 'es2022',
    // Every browser the app targets (es2022) supports modulepreload natively; no polyfill in the bundle.
    modulePreload: { polyfill: false },
  },
  server: {
    headers: { 'Content-Security-Policy': CSP_DEV, ...SECURITY_HEADERS },
  },
  worker: {
    format: 'es',
  },
  preview: {
    port: 4173,
    strictPort: true,
    headers: { 'Content-Security-Policy': CSP_HEADER, ...SECURITY_HEADERS },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    setupFiles: ['tests/fast-check-setup.ts'],
  },
});
