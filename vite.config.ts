import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const DEV_HOST = '127.0.0.1';
const DEV_PORT = 5173;

/**
 * index.html carries the production CSP. Vite's dev server needs an inline React-refresh preamble,
 * injected styles and its websocket, so only while serving is the meta policy widened to allow them.
 */
function devContentSecurityPolicy(): Plugin {
  return {
    name: 'hearth-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", `connect-src 'self' ws://${DEV_HOST}:${DEV_PORT}`);
    },
  };
}

// The renderer is loaded from a custom scheme or a packaged file, never from a web server root,
// so every asset URL must be relative.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react(), devContentSecurityPolicy()],
  build: {
    outDir: '../dist-renderer',
    emptyOutDir: true,
    // An inlined asset would become a data: URL, which the CSP allows for images only.
    assetsInlineLimit: 0,
    target: 'chrome130',
  },
  server: { host: DEV_HOST, port: DEV_PORT, strictPort: true },
});
