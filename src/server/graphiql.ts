import { createRequire } from 'node:module';
import path from 'node:path';
import type { Express, Request } from 'express';
import { demoKeys } from '../seed/demo-principals.js';
import { graphiqlExamples } from './graphiql-examples.js';

const require = createRequire(import.meta.url);

/** GraphiQL's assets come from node_modules: the page must work with no network. */
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
const assets: Record<string, string> = {
  'react.js': path.join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.js': path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
};

/** What the page opens with: demo keys and example tabs only on a development server holding the demo. */
export interface GraphiqlSetup {
  keys: string[];
  examples: { title: string; key: string; query: string }[];
}

const NO_DEMO: GraphiqlSetup = { keys: [], examples: [] };

/** JSON inside a <script> element: nothing in it may close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The page: a key bar above GraphiQL. With demo keys, a picker (each example tab opens with
 * the key the README runs it with; picking a key puts it in the tab's headers and loads the
 * schema with it). Without, GraphiQL waits for a key, which stays in the page's memory only.
 */
export const graphiqlPage = (setup: GraphiqlSetup) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>credit-exchange GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/graphiql.css" />
  <style>
    body { margin: 0; height: 100vh; font-family: system-ui, sans-serif; }
    #graphiql { height: 100vh; display: flex; flex-direction: column; }
    .cx-bar { display: flex; gap: 8px; align-items: center; padding: 6px 12px; border-bottom: 1px solid #ddd; font-size: 14px; }
    .cx-bar input { width: 24em; }
    .cx-main { flex: 1; min-height: 0; }
    .cx-note { padding: 24px; max-width: 40em; }
  </style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script id="cx-setup" type="application/json">${scriptJson(setup)}</script>
  <script src="/graphiql/react.js"></script>
  <script src="/graphiql/react-dom.js"></script>
  <script src="/graphiql/graphiql.js"></script>
  <script>
    const setup = JSON.parse(document.getElementById('cx-setup').textContent);
    const h = React.createElement;
    const headersOf = (key) => JSON.stringify({ Authorization: 'Bearer ' + key }, null, 2);
    const tabs = setup.examples.map((e) => ({ query: '# ' + e.title + ' (' + e.key + ')\\n' + e.query + '\\n', headers: headersOf(e.key) }));

    function App() {
      const [key, setKey] = React.useState(setup.examples[0] ? setup.examples[0].key : null);
      // Set only once a key is picked: until then each tab keeps the key it opened with.
      const [picked, setPicked] = React.useState(undefined);
      const [typed, setTyped] = React.useState('');
      // A new fetcher makes GraphiQL load the schema again, with the key just chosen.
      const fetcher = React.useMemo(() => key && GraphiQL.createFetcher({ url: '/graphql', headers: { Authorization: 'Bearer ' + key } }), [key]);
      const choose = (k) => { setKey(k); setPicked(headersOf(k)); };
      const bar = setup.keys.length > 0
        ? h('label', { className: 'cx-bar' }, 'Demo API key ',
            h('select', { id: 'cx-key', value: key || '', onChange: (e) => choose(e.target.value) },
              setup.keys.map((k) => h('option', { key: k, value: k }, k))),
            ' (public demo keys: this server holds the demo data)')
        : h('form', { className: 'cx-bar', onSubmit: (e) => { e.preventDefault(); if (typed.trim()) setKey(typed.trim()); } },
            'API key ', h('input', { id: 'cx-key', type: 'password', autoComplete: 'off', value: typed, onChange: (e) => setTyped(e.target.value) }),
            h('button', { type: 'submit' }, 'Use this key'));
      const main = fetcher
        ? h(GraphiQL, {
            fetcher,
            defaultTabs: tabs.length > 0 ? tabs : undefined,
            headers: picked,
            defaultHeaders: tabs.length > 0 ? headersOf(key) : undefined,
            defaultEditorToolsVisibility: tabs.length > 0 ? 'headers' : false,
            shouldPersistHeaders: false,
          })
        : h('div', { className: 'cx-note' },
            h('p', null, 'Every request to this exchange needs an API key (Authorization: Bearer <key>).'),
            h('p', null, 'Enter yours above; it is kept in this page only, never stored.'));
      return h('div', { id: 'cx-root', style: { display: 'contents' } }, bar, h('div', { className: 'cx-main' }, main));
    }
    ReactDOM.createRoot(document.getElementById('graphiql')).render(h(App));
  </script>
</body>
</html>`;

export const wantsGraphiql = (req: Request) =>
  req.method === 'GET' && !req.query.query && (req.headers.accept ?? '').includes('text/html');

export interface GraphiqlOptions {
  production: boolean;
  /** Whether the demo principals exist (asked per page: a seed may run while the server is up). */
  demoKeysExist: () => Promise<boolean>;
}

/** Demo keys and examples only outside production and only where the demo keys exist. */
export async function graphiqlSetup(options: GraphiqlOptions): Promise<GraphiqlSetup> {
  if (options.production || !(await options.demoKeysExist())) return NO_DEMO;
  return { keys: [...Object.values(demoKeys), 'demo-furnisher-identity-registry'], examples: graphiqlExamples };
}

export function mountGraphiql(app: Express, options: GraphiqlOptions): void {
  for (const [name, file] of Object.entries(assets)) {
    app.get(`/graphiql/${name}`, (_req, res) => res.sendFile(file, { maxAge: '1h' }));
  }
  app.get('/graphql', async (req, res, next) => {
    if (!wantsGraphiql(req)) return next();
    try {
      res.type('html').send(graphiqlPage(await graphiqlSetup(options)));
    } catch (err) {
      next(err);
    }
  });
}
