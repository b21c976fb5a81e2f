// Checks demo/catalog.json against the rules the server applies, plus cross-references:
//   node --import tsx seed/validate-demo.ts
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readDemoCatalog } from './load-demo.js';
import { cleanDatasetFields } from '../server/logic/dataset-fields.js';

const files = fileURLToPath(new URL('./demo/files/', import.meta.url));
const SLUG = /^[a-z0-9_-]{2,100}$/;
const TAG = /^[\p{L}\p{N}\p{M} \-_.]{2,100}$/u;
const LICENSES = new Set(['cc-by', 'cc-by-sa', 'cc-zero', 'odc-by', 'odc-odbl', 'other-open', 'notspecified']);
const CAPACITIES = new Set(['admin', 'editor', 'member']);
const c = readDemoCatalog() as any;
const errors: string[] = [];
const err = (m: string) => errors.push(m);

const orgs = new Set<string>(c.organizations.map((o: any) => o.name));
const groups = new Set<string>(c.groups.map((g: any) => g.name));
const names = new Set<string>();
for (const x of [...c.organizations, ...c.groups]) {
  if (!SLUG.test(x.name)) err(`bad org/group name ${x.name}`);
  if (names.has(x.name)) err(`duplicate org/group name ${x.name}`);
  names.add(x.name);
  if (!x.title || typeof x.description !== 'string') err(`${x.name}: title/description missing`);
}
for (const u of c.users) {
  if (!SLUG.test(u.name)) err(`bad user name ${u.name}`);
  if (typeof u.password !== 'string' || u.password.length < 8) err(`${u.name}: password under 8 characters`);
  if (!/^[^@\s]+@[^@\s]+\.[a-z]+$/i.test(u.email)) err(`${u.name}: bad email`);
  for (const m of u.memberships) {
    if (!orgs.has(m.organization)) err(`${u.name}: unknown organization ${m.organization}`);
    if (!CAPACITIES.has(m.capacity)) err(`${u.name}: bad capacity ${m.capacity}`);
  }
}
const used = new Set<string>();
const datasetNames = new Set<string>();
let privateCount = 0, fileCount = 0, linkCount = 0;
for (const d of c.datasets) {
  const at = `dataset ${d.name}`;
  if (!SLUG.test(d.name)) err(`${at}: bad name`);
  if (datasetNames.has(d.name)) err(`${at}: duplicate name`);
  datasetNames.add(d.name);
  if (!orgs.has(d.owner_org)) err(`${at}: unknown owner_org ${d.owner_org}`);
  if (!LICENSES.has(d.license_id)) err(`${at}: license ${d.license_id}`);
  for (const f of ['title', 'notes', 'author', 'maintainer', 'maintainer_email', 'version']) if (!d[f]) err(`${at}: ${f} missing`);
  if (typeof d.url !== 'string' || (d.url && !/^https:\/\//.test(d.url))) err(`${at}: url`);
  for (const t of d.tags) if (!TAG.test(t.name)) err(`${at}: bad tag "${t.name}"`);
  for (const g of d.groups) if (!groups.has(g.name)) err(`${at}: unknown group ${g.name}`);
  const keys = new Set<string>();
  for (const e of d.extras) {
    if (!e.key || typeof e.value !== 'string') err(`${at}: bad extra ${JSON.stringify(e)}`);
    if (keys.has(e.key)) err(`${at}: duplicate extra ${e.key}`);
    keys.add(e.key);
  }
  // The DCAT-AP fields, checked by the server's own rules (schemas/dataset-fields.json); the
  // regulations require the update frequency, and the demo shows every recommended field.
  const fieldErrors: Record<string, string[]> = {};
  const fields = cleanDatasetFields(fieldErrors, d);
  for (const [k, messages] of Object.entries(fieldErrors)) err(`${at}: ${k}: ${messages.join('; ')}`);
  for (const k of ['frequency', 'temporal_start', 'temporal_end', 'spatial_uri', 'spatial_text', 'contact_name', 'contact_email', 'language', 'theme', 'access_rights', 'identifier']) {
    if (fields[k] === undefined) err(`${at}: ${k} missing`);
  }
  if (d.private) privateCount++;
  if (!d.resources.length || d.resources.length > 3) err(`${at}: ${d.resources.length} resources`);
  for (const r of d.resources) {
    if (!r.name || !r.format) err(`${at}: resource without name/format`);
    if (!!r.file === !!r.url) err(`${at}: resource ${r.name} needs exactly one of file/url`);
    if (r.file) {
      fileCount++;
      used.add(r.file);
      if (!existsSync(files + r.file)) err(`${at}: missing file ${r.file}`);
      const ext = r.file.split('.').pop()!.toUpperCase();
      if (ext !== r.format) err(`${at}: ${r.file} declared as ${r.format}`);
    } else {
      linkCount++;
      if (!/^https:\/\/[^\s]+$/.test(r.url)) err(`${at}: bad url ${r.url}`);
    }
  }
}
const onDisk = readdirSync(files);
for (const f of onDisk) if (!used.has(f)) err(`file ${f} is not used by any dataset`);
// CSV sanity: UTF-8, same number of cells in every row, 20–200 data rows.
for (const f of onDisk.filter((x) => x.endsWith('.csv'))) {
  const buf = readFileSync(files + f);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  const Papa = (await import('papaparse')).default;
  const parsed = Papa.parse<string[]>(text.trimEnd(), { skipEmptyLines: true });
  const width = parsed.data[0].length;
  if (parsed.errors.length || parsed.data.some((row) => row.length !== width)) err(`${f}: ragged or unparsable`);
  const n = parsed.data.length - 1;
  if (n < 20 || n > 200) err(`${f}: ${n} data rows`);
}
console.log(`${c.organizations.length} organizations, ${c.groups.length} groups, ${c.users.length} users, ${c.datasets.length} datasets ` +
  `(${privateCount} private), ${fileCount} file resources, ${linkCount} link resources, ${onDisk.length} files`);
if (errors.length) {
  console.error(errors.join('\n'));
  process.exit(1);
}
console.log('catalog.json is valid');
