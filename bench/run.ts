// npm run bench: runs the benchmarks against a real Postgres (DATABASE_URL, or the local server
// .ci/start-postgres.sh starts) and prints every figure beside its target.
import { execFileSync } from 'node:child_process';
import { benchCore, type Figure } from './core.js';

function print(figures: Figure[]) {
  const w = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures) {
    const value = f.value >= 100 ? f.value.toFixed(0) : f.value.toFixed(1);
    console.log(`${f.ok ? 'MET   ' : 'MISSED'}  ${f.name.padEnd(w)}  ${value.padStart(8)} ${f.unit.padEnd(12)} target ${f.target}`);
  }
}

let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  execFileSync('bash', [new URL('../.ci/start-postgres.sh', import.meta.url).pathname], { stdio: 'inherit' });
  databaseUrl = 'postgres://kho:kho@127.0.0.1:5432/postgres';
}
console.log(`Kho benchmarks on ${process.arch}, ${(await import('node:os')).cpus().length} cores, Node ${process.version}, Postgres at ${new URL(databaseUrl).host}`);
const figures = await benchCore(databaseUrl);
print(figures);
