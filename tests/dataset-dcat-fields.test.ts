// The DCAT-AP dataset fields of schemas/dataset-fields.json: accepted by package_create, update
// and patch, shown at top level by package_show and package_search (never also in extras),
// canonical, and a bad value is CKAN's 409 under its key with nothing written.
import t from 'tap';
import { eq } from 'drizzle-orm';
import { startKho, orgWithRoles } from './helpers/kho.js';
import { packages } from '../server/db/schema.js';
import { loadDemo, readDemoCatalog } from '../seed/load-demo.js';
import { DATASET_FIELDS, DATASET_FIELDS_FILE } from '../server/core/dataset-fields-file.js';

const k = await startKho();
t.teardown(() => k.close());
const org = await orgWithRoles(k, 'so-dcat-thu');
const FREQ = 'http://publications.europa.eu/resource/authority/frequency/';
const THEME = 'http://publications.europa.eu/resource/authority/data-theme/';

const every = {
  frequency: `${FREQ}QUARTERLY`,
  temporal_start: '2020',
  temporal_end: '2024-12-31',
  spatial_uri: 'https://sws.geonames.org/1580240/',
  spatial_text: 'Thành phố Huế',
  contact_name: 'Phòng Thống kê',
  contact_email: ' thongke@thuathienhue.gov.vn ',
  language: 'vi, http://publications.europa.eu/resource/authority/language/ENG',
  theme: JSON.stringify([`${THEME}ECON`, `${THEME}SOCI`]),
  conforms_to: [`https://www.rfc-editor.org/rfc/rfc7946`],
  access_rights: 'http://publications.europa.eu/resource/authority/access-right/PUBLIC',
  identifier: 'H57-CTK-001',
  version: '2024.4',
  documentation: ['https://thongke.thuathienhue.gov.vn/huong-dan.pdf', 'https://thongke.thuathienhue.gov.vn/huong-dan.pdf'],
};
// What package_show holds for `every`: codes for vocabulary terms, arrays for lists.
const canonical = {
  frequency: 'QUARTERLY',
  temporal_start: '2020',
  temporal_end: '2024-12-31',
  spatial_uri: 'https://sws.geonames.org/1580240/',
  spatial_text: 'Thành phố Huế',
  contact_name: 'Phòng Thống kê',
  contact_email: 'thongke@thuathienhue.gov.vn',
  language: ['vi', 'en'],
  theme: [`${THEME}ECON`, `${THEME}SOCI`],
  conforms_to: ['https://www.rfc-editor.org/rfc/rfc7946'],
  access_rights: 'PUBLIC',
  identifier: 'H57-CTK-001',
  version: '2024.4',
  documentation: ['https://thongke.thuathienhue.gov.vn/huong-dan.pdf'],
};
const names = Object.keys(canonical);
const show = async (id: string) => (await k.api('package_show', { id }, { method: 'GET' })).body.result;

t.test('the definitions file declares each field once, with labels and a DCAT property', async (t) => {
  t.same(DATASET_FIELDS.map((f) => f.name).sort(), [...names].sort());
  for (const f of DATASET_FIELDS) t.ok(f.label.vi && f.label.en && f.help.vi && f.help.en && f.dcat, f.name);
  t.ok(DATASET_FIELDS_FILE.vocabularies.frequency!.terms.some((x) => x.code === 'QUARTERLY'));
});

t.test('create with every field: canonical values at top level, none in extras', async (t) => {
  const r = await k.api('package_create', { name: 'dcat-day-du', owner_org: org.name, ...every }, { token: org.editor.token });
  t.equal(r.status, 200, JSON.stringify(r.body));
  const p = r.body.result;
  for (const name of names) t.same(p[name], canonical[name as keyof typeof canonical], name);
  t.same(p.extras, []);
  t.same(await show(p.id), p, 'package_show equals the create result');
});

t.test('each vocabulary accepts the code or its URI and stores the code', async (t) => {
  const cases: [string, unknown, unknown][] = [
    ['frequency', 'quarterly', 'QUARTERLY'],
    ['frequency', `https://publications.europa.eu/resource/authority/frequency/ANNUAL`, 'ANNUAL'],
    ['frequency', '12HRS', '12HRS'],
    ['access_rights', 'NON_PUBLIC', 'NON_PUBLIC'],
    ['language', ['VI', 'en'], ['vi', 'en']],
    ['language', 'http://publications.europa.eu/resource/authority/language/VIE', ['vi']],
    // A language the table does not list keeps its EU URI.
    ['language', '["http://publications.europa.eu/resource/authority/language/hun"]', ['http://publications.europa.eu/resource/authority/language/HUN']],
    ['temporal_start', '2024-06', '2024-06'],
    ['temporal_start', '2024-06-01T08:30:00+07:00', '2024-06-01T08:30:00+07:00'],
  ];
  for (const [i, [key, input, stored]] of cases.entries()) {
    const r = await k.api('package_create', { name: `dcat-tu-vung-${i}`, owner_org: org.name, [key]: input });
    t.equal(r.status, 200, `${key} ${JSON.stringify(input)}: ${JSON.stringify(r.body.error ?? '')}`);
    t.same(r.body.result?.[key], stored, `${key} ${JSON.stringify(input)}`);
  }
});

t.test('patch changes one field and keeps the others; "" clears; update replaces', async (t) => {
  const created = (await k.api('package_create', { name: 'dcat-sua', owner_org: org.name, ...every })).body.result;
  const patched = await k.api('package_patch', { id: created.id, frequency: 'MONTHLY', language: 'en' }, { token: org.editor.token });
  t.equal(patched.status, 200, JSON.stringify(patched.body));
  t.equal(patched.body.result.frequency, 'MONTHLY');
  t.same(patched.body.result.language, ['en']);
  t.same(patched.body.result.theme, canonical.theme, 'untouched fields are kept');
  t.ok(patched.body.result.metadata_modified > created.metadata_modified);

  const cleared = (await k.api('package_patch', { id: created.id, frequency: '', theme: [], spatial_uri: null })).body.result;
  for (const key of ['frequency', 'theme', 'spatial_uri']) t.notOk(key in cleared, `${key} cleared: absent`);
  t.equal(cleared.spatial_text, canonical.spatial_text);

  const same = (await k.api('package_patch', { id: created.id, temporal_start: '2020' })).body.result;
  t.equal(same.metadata_modified, cleared.metadata_modified, 'the same value again is no change');

  const updated = (await k.api('package_update', { name: 'dcat-sua', owner_org: org.name, title: 'Mới', identifier: 'X-1' })).body.result;
  t.equal(updated.identifier, 'X-1');
  for (const key of names.filter((n) => n !== 'identifier')) t.notOk(updated[key], `${key} removed by package_update`);
  t.same(await show(created.id), updated);
});

t.test('a bad value is a 409 under its key, and nothing is written', async (t) => {
  const base = (await k.api('package_create', { name: 'dcat-loi', owner_org: org.name, ...every })).body.result;
  const bad: [Record<string, unknown>, string, RegExp][] = [
    [{ frequency: 'SOMETIMES' }, 'frequency', /^Value "SOMETIMES" is not in the Frequency \(EU vocabulary\): use one of .*QUARTERLY.* or its URI http/],
    [{ frequency: 'http://purl.org/cld/freq/quarterly' }, 'frequency', /is not in the Frequency/],
    [{ frequency: ['QUARTERLY'] }, 'frequency', /^Must be a string$/],
    [{ temporal_start: '2024-13-01' }, 'temporal_start', /^Date format incorrect/],
    [{ temporal_end: '31/12/2024' }, 'temporal_end', /^Date format incorrect/],
    [{ temporal_end: '2024-02-30' }, 'temporal_end', /^Date format incorrect/],
    [{ temporal_start: '2025-01-01', temporal_end: '2024' }, 'temporal_end', /^Must not be before temporal_start \(2025-01-01\)$/],
    [{ spatial_uri: 'ftp://example.vn/hue' }, 'spatial_uri', /^Please provide a valid URL/],
    [{ spatial_uri: 'Huế' }, 'spatial_uri', /^Please provide a valid URL/],
    [{ spatial_text: { vi: 'Huế' } }, 'spatial_text', /^Must be a string$/],
    [{ contact_name: 'x'.repeat(501) }, 'contact_name', /^Must be a maximum of 500 characters long$/],
    [{ contact_email: 'khong-phai-email' }, 'contact_email', /^Email khong-phai-email is not a valid format$/],
    [{ language: 'vi,xx' }, 'language', /^Value "xx" is not in the Language/],
    [{ language: ['vi', 5] }, 'language', /^Must be a list of strings$/],
    [{ language: '["vi"' }, 'language', /^Could not parse as valid JSON$/],
    [{ theme: ['kinh tế'] }, 'theme', /^Please provide a valid URL: "kinh tế"$/],
    [{ conforms_to: 'javascript:alert(1)' }, 'conforms_to', /^Please provide a valid URL/],
    [{ access_rights: 'OPEN' }, 'access_rights', /^Value "OPEN" is not in the Access right/],
    [{ identifier: 'x'.repeat(1001) }, 'identifier', /^Must be a maximum of 1000 characters long$/],
    [{ version: 'x'.repeat(101) }, 'version', /^Must be a maximum of 100 characters long$/],
    [{ documentation: ['https://ok.vn/a', 'tai-lieu.pdf'] }, 'documentation', /^Please provide a valid URL: "tai-lieu.pdf"$/],
    [{ documentation: Array.from({ length: 101 }, (_, i) => `https://ok.vn/${i}`) }, 'documentation', /^At most 100 values are allowed; 101 were given$/],
  ];
  for (const [change, key, message] of bad) {
    const label = JSON.stringify(change).slice(0, 80);
    const created = await k.api('package_create', { name: 'dcat-khong-ghi', owner_org: org.name, ...change }, { token: org.editor.token });
    t.equal(created.status, 409, `create ${label}`);
    t.equal(created.body.error?.__type, 'Validation Error');
    t.match(created.body.error?.[key]?.[0], message, `create ${label}: ${JSON.stringify(created.body.error)}`);
    const patched = await k.api('package_patch', { id: base.id, title: 'Không được ghi', ...change }, { token: org.editor.token });
    t.equal(patched.status, 409, `patch ${label}`);
    t.match(patched.body.error?.[key]?.[0], message, `patch ${label}`);
  }
  t.equal((await k.api('package_show', { id: 'dcat-khong-ghi' })).status, 404, 'no dataset was created');
  t.same(await show(base.id), base, 'the dataset is as it was');
  // Several bad fields at once: each under its own key.
  const many = await k.api('package_create', { name: 'dcat-nhieu-loi', owner_org: org.name, frequency: 'x', contact_email: 'y', theme: 'z' });
  t.same(Object.keys(many.body.error).filter((x) => x !== '__type').sort(), ['contact_email', 'frequency', 'theme']);
});

t.test('an extra may not take a field name (CKAN: 409 under extras)', async (t) => {
  const r = await k.api('package_create', { name: 'dcat-extra', owner_org: org.name, extras: [{ key: 'frequency', value: 'Hàng quý' }] });
  t.equal(r.status, 409);
  t.same(r.body.error.extras, [{ key: ['There is a schema field with the same name'] }]);
});

t.test('a dataset that has these keys as extras from before still shows and edits', async (t) => {
  const p = (await k.api('package_create', { name: 'dcat-cu', owner_org: org.name, notes: 'cũ' })).body.result;
  t.notOk(names.filter((n) => n !== 'version').some((n) => n in p), 'no field set: none shown');
  // As a dataset written before the fields existed: its stored dict and extras.
  await k.kho.database.db.update(packages).set({ extras: { language: 'vi,en', spatial_text: 'Huế', tan_suat: 'Hàng quý' }, showCache: null })
    .where(eq(packages.id, p.id));
  const old = await show(p.id);
  t.same(old.extras, [{ key: 'language', value: 'vi,en' }, { key: 'spatial_text', value: 'Huế' }, { key: 'tan_suat', value: 'Hàng quý' }]);
  t.notOk('language' in old);

  const notes = await k.api('package_patch', { id: p.id, notes: 'mới' });
  t.equal(notes.status, 200, `an unrelated patch works: ${JSON.stringify(notes.body.error ?? '')}`);
  t.same(notes.body.result.extras, old.extras, 'the old extras are kept as they were');

  const changedExtra = await k.api('package_patch', { id: p.id, extras: [{ key: 'language', value: 'en' }] });
  t.equal(changedExtra.status, 409, 'a changed value must go in the field');
  t.same(changedExtra.body.error.extras, [{ key: ['There is a schema field with the same name'] }]);

  const field = (await k.api('package_patch', { id: p.id, language: 'vi,en' })).body.result;
  t.same(field.language, ['vi', 'en']);
  t.same(field.extras.map((e: any) => e.key), ['spatial_text', 'tan_suat'], 'the field replaces the old extra: never both');
});

t.test('package_search returns the same dicts, fields included', async (t) => {
  const r = (await k.api('package_search', { q: 'name:dcat-day-du' })).body.result;
  t.equal(r.count, 1);
  t.same(r.results[0], await show('dcat-day-du'));
  t.same(r.results[0].language, canonical.language);
  t.equal(r.results[0].frequency, 'QUARTERLY');
});

t.test('the fields are searchable: fq matches a single value, free text finds every value', async (t) => {
  const by = async (data: Record<string, unknown>) => (await k.api('package_search', data)).body.result.results.map((d: any) => d.name);
  t.ok((await by({ fq: 'frequency:QUARTERLY' })).includes('dcat-day-du'), 'fq on a vocabulary field');
  t.notOk((await by({ fq: 'frequency:MONTHLY' })).includes('dcat-day-du'));
  t.ok((await by({ fq: 'identifier:"H57-CTK-001"' })).includes('dcat-day-du'), 'fq on a text field');
  t.ok((await by({ q: 'Phong Thong ke' })).includes('dcat-day-du'), 'the contact, without diacritics');
  t.ok((await by({ q: 'vi en' })).includes('dcat-day-du'), 'the values of a list field (language)');
});

t.test('the demo catalog loads with its DCAT fields', async (t) => {
  const counts = await loadDemo(k.kho, { sysadmin: k.sysadmin.name });
  const demo = readDemoCatalog().datasets;
  t.equal(counts.datasets, demo.length);
  for (const d of demo) {
    const p = await show(d.name);
    t.ok(p.frequency && p.temporal_start && p.spatial_text && p.contact_email && p.language?.length && p.theme?.length, d.name);
    for (const key of ['frequency', 'temporal_start', 'temporal_end', 'spatial_uri', 'language', 'theme', 'access_rights']) t.same(p[key], d[key], `${d.name} ${key}`);
    t.notOk(p.extras.some((e: any) => names.includes(e.key)), `${d.name}: no field in extras`);
  }
});
