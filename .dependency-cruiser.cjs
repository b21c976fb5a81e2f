// Layering, checked in CI (npm run lint:layers): transport → actions → domain → parts.
//   transport: server/http, server/cli, a module's routes.ts (and, next, ui/ and a module's pages)
//   actions:   server/actions, a module's actions.ts
//   domain:    server/logic, server/auth, server/jobs, server/net, the rest of a module's folder
//   parts:     server/db, server/storage, server/search, server/text, server/config.ts (settings),
//              server/core (errors, the action context and module contracts: types every layer names)
// The composition roots (server/kho.ts, server/boot.ts, server/modules/index.ts and a module's
// index.ts) assemble everything and may import any layer.
const TRANSPORT = '^server/(http|cli)/|^server/modules/[^/]+/routes[.]ts$';
const ACTIONS = '^server/actions/|^server/modules/[^/]+/actions[.]ts$';
const COMPOSITION = '^server/(kho|boot)[.]ts$|^server/modules/index[.]ts$|^server/modules/[^/]+/index[.]ts$';
const PARTS = '^server/(db|storage|search|text|core)/|^server/config[.]ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-transport-below',
      comment: 'Only transport and the composition roots may import transport (http, cli, routes).',
      severity: 'error',
      from: { path: '^server/', pathNot: `${TRANSPORT}|${COMPOSITION}` },
      to: { path: TRANSPORT },
    },
    {
      name: 'no-actions-below',
      comment: 'Nothing below the action layer imports it: errors and the action context live in server/core.',
      severity: 'error',
      from: { path: '^server/', pathNot: `${TRANSPORT}|${ACTIONS}|${COMPOSITION}` },
      to: { path: ACTIONS },
    },
    {
      name: 'no-composition-below',
      comment: 'The composition roots are imported by nobody in server/ but the CLI and each other.',
      severity: 'error',
      from: { path: '^server/', pathNot: `^server/cli/|${COMPOSITION}` },
      to: { path: COMPOSITION },
    },
    {
      name: 'parts-stay-parts',
      comment: 'Database, storage, search, text and core know nothing of the domain above them.',
      severity: 'error',
      from: { path: PARTS },
      // Types of the job worker and users are named by core's contracts.
      to: { path: '^server/', pathNot: PARTS, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-names-no-module',
      comment: 'The core names no module: modules plug in through server/modules/index.ts.',
      severity: 'error',
      from: { path: '^server/', pathNot: '^server/modules/|^server/(kho|boot)[.]ts$' },
      to: { path: '^server/modules/' },
    },
    {
      name: 'modules-keep-to-themselves',
      comment: 'A module does not reach into another module.',
      severity: 'error',
      from: { path: '^server/modules/([^/]+)/' },
      to: { path: '^server/modules/', pathNot: '^server/modules/$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
