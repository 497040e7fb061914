import { createRequire } from 'node:module';
import path from 'node:path';
import type { Express, Request } from 'express';

const require = createRequire(import.meta.url);

/** GraphiQL's assets come from node_modules: the page must work with no network. */
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
const assets: Record<string, string> = {
  'react.js': path.join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.js': path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
};

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>credit-exchange GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/graphiql.css" />
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphiql/react.js"></script>
  <script src="/graphiql/react-dom.js"></script>
  <script src="/graphiql/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    const root = ReactDOM.createRoot(document.getElementById('graphiql'));
    root.render(React.createElement(GraphiQL, {
      fetcher,
      defaultEditorToolsVisibility: 'headers',
      headers: JSON.stringify({ Authorization: 'Bearer <your API key>' }, null, 2),
    }));
  </script>
</body>
</html>`;

export const wantsGraphiql = (req: Request) =>
  req.method === 'GET' && !req.query.query && (req.headers.accept ?? '').includes('text/html');

export function mountGraphiql(app: Express): void {
  for (const [name, file] of Object.entries(assets)) {
    app.get(`/graphiql/${name}`, (_req, res) => res.sendFile(file, { maxAge: '1h' }));
  }
  app.get('/graphql', (req, res, next) => (wantsGraphiql(req) ? res.type('html').send(page) : next()));
}
