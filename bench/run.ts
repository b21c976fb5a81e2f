// npm run bench: runs the benchmarks against a real Postgres (DATABASE_URL, or the local server
// .ci/start-postgres.sh starts) and prints every figure beside its target.
//   BENCH_ONLY=core|search|datastore|fairness|dcat  run one part (fairness: the API while DataStore loads run)
//   BENCH_DATASTORE_ROWS=1000000 rows of the DataStore CSV
//   BENCH_DATASETS=10000         datasets for the core benchmark
//   BENCH_UPLOAD_MB=1024         size of the core benchmark's upload (0 leaves it out)
//   BENCH_SHOW_ROUNDS=3, BENCH_SHOW_SECONDS=10  package_show rounds beside the reference route
//   BENCH_KHO_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'  node flags for the Kho server alone
//   BENCH_SEARCH_DATASETS=100000 catalog sizes for the search benchmark (comma list, e.g. 100000,1000000)
//   BENCH_DCAT_DATASETS=100000   datasets for the DCAT benchmark (BENCH_ONLY=dcat: catalog pages, the full catalog rebuild)
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { benchCore, type Figure } from './core.js';
import { benchSearch } from './search.js';
import { benchDatastore } from './datastore.js';
import { benchLoadFairness } from './load-fairness.js';
import { benchDcat } from './dcat.js';

function print(figures: Figure[]) {
  const w = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures) {
    const value = f.value >= 100 ? f.value.toFixed(0) : f.value.toFixed(f.unit === '×' ? 2 : 1);
    console.log(`${f.ok ? 'MET   ' : 'MISSED'}  ${f.name.padEnd(w)}  ${value.padStart(8)} ${f.unit.padEnd(12)} target ${f.target}`);
  }
}

let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  execFileSync('bash', [new URL('../.ci/start-postgres.sh', import.meta.url).pathname], { stdio: 'inherit' });
  databaseUrl = 'postgres://kho:kho@127.0.0.1:5432/postgres';
}
console.log(`Kho benchmarks on ${process.arch}, ${cpus().length} cores, Node ${process.version}, Postgres at ${new URL(databaseUrl).host}`);
const only = process.env.BENCH_ONLY;
const figures: Figure[] = [];
if (!only || only === 'core') figures.push(...(await benchCore(databaseUrl)));
if (!only || only === 'search') {
  for (const n of (process.env.BENCH_SEARCH_DATASETS ?? '100000').split(',').map(Number)) {
    figures.push(...(await benchSearch(databaseUrl, n, (s) => console.log(s))));
  }
}
if (!only || only === 'datastore') figures.push(...(await benchDatastore(databaseUrl, (s) => console.log(s))));
if (!only || only === 'fairness') figures.push(...(await benchLoadFairness(databaseUrl, (s) => console.log(s))));
if (!only || only === 'dcat') figures.push(...(await benchDcat(databaseUrl, (s) => console.log(s))));
print(figures);
