import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The built client is served by the API server from client/dist. `pnpm dev` runs Vite on its own and
 * forwards /graphql to a server started locally on the default port 4000.
 * Two pages: the app (index.html) and an offline GraphiQL (graphiql.html, served at /graphiql).
 */
export default defineConfig({
  plugins: [react()],
  build: {
    // GraphiQL's editor (about 1.3 MB) is one chunk loaded only by /graphiql, never by the app.
    chunkSizeWarningLimit: 1400,
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        graphiql: fileURLToPath(new URL('./graphiql.html', import.meta.url)),
      },
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            // First: the GraphiQL page's own libraries never end up in chunks the app loads (e.g. 'graphql' below).
            { name: 'graphiql-vendor', test: /node_modules[\\/](graphiql|@graphiql|graphql-language-service|codemirror|codemirror-graphql|@codemirror|markdown-it|@radix-ui|framer-motion|motion-dom|motion-utils)/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'graphql', test: /node_modules[\\/](@apollo|graphql|rxjs|@wry|optimism|tslib|zen-observable)/ },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': 'http://127.0.0.1:4000',
    },
  },
});
