// The real Python ckanapi client against Kho over HTTP: create an organization, a dataset with an
// uploaded CSV, patch, search, download byte-identical, delete. ckanapi is not on Debian or npm,
// so this runs where it can be imported (KHO_CKANAPI_PYTHONPATH) and says so when it cannot.
import t from 'tap';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKho } from './helpers/kho.js';
import { ckanapiMissing, ckanapiRequired, runPythonClient } from './helpers/python-client.js';

const missing = ckanapiMissing();
if (missing && ckanapiRequired) {
  t.fail(`KHO_REQUIRE_CKANAPI is set (CI), but ${missing}`);
} else if (missing) {
  t.comment(`SKIPPED: ${missing}`);
  t.test('ckanapi flow', { skip: missing }, async () => {});
} else {
  const k = await startKho();
  t.teardown(() => k.close());
  const dir = mkdtempSync(join(tmpdir(), 'kho-ckanapi-'));
  const csv = join(dir, 'thu-chi.csv');
  writeFileSync(csv, '\uFEFFNăm,Thu ngân sách (tỷ đồng),Chi ngân sách (tỷ đồng)\n2022,10500,13200\n2023,11250,14010\n', 'utf8');
  // The server runs in this process, so the client must run asynchronously beside it.
  const run = await runPythonClient(new URL('./clients/ckanapi_flow.py', import.meta.url).pathname, [k.url, k.sysadmin.token, csv]);
  t.comment(run.stdout);
  t.equal(run.status, 0, run.stderr || 'ckanapi flow');
  t.match(run.stdout, /ckanapi flow passed/);
}
