/**
 * The layering of DESIGN.md, checked in CI (.ci/run): server/ is the composition root;
 * domains (access, audit, furnishing, profile, federation, seed) sit on records/;
 * records/ on kernel/ and db/ only; kernel/ and db/ import no domain. Type-only imports
 * count too: a cycle of types is still a knot in the design.
 */
const domains = '^src/(access|administration|audit|furnishing|profile|federation|seed)/';
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No import cycles.', from: {}, to: { circular: true } },
    {
      name: 'nothing-imports-server',
      severity: 'error',
      comment: 'server/ is the composition root: only entry points (CLIs, main) import it.',
      from: { path: '^src/', pathNot: ['^src/server/', '\\.cli\\.ts$', '\\.test\\.ts$'] },
      to: { path: '^src/server/' },
    },
    {
      name: 'records-import-only-kernel-and-db',
      severity: 'error',
      comment: 'A record kind stands on the kernel and the database helpers only.',
      from: { path: '^src/records/', pathNot: '\\.test\\.ts$' },
      to: { path: [domains, '^src/server/'] },
    },
    {
      name: 'kernel-and-db-import-no-domain',
      severity: 'error',
      comment: 'The kernel and db/ sit below every domain.',
      from: { path: '^src/(kernel|db)/', pathNot: '\\.test\\.ts$' },
      to: { path: [domains, '^src/records/', '^src/server/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(node_modules|test|bench|tools)/' },
  },
};
