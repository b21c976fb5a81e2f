// Metadata quality (issue 12): dcat_quality_show scores a dataset with data.europa.eu's MQA
// indicators (405 points; Excellent ≥ 351, Good ≥ 221, Sufficient ≥ 121), each indicator flips
// when its field is added, visibility is package_show's, and dcat_quality_organization sums up
// only what the caller may see. Link accessibility comes from the DataStore's last fetch.
import t from 'tap';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startKho, orgWithRoles, type TestKho } from './helpers/kho.js';
import type { KhoModule } from '../server/core/module.js';
import { datastoreModule } from '../server/modules/datastore/index.js';
import { qualityActions } from '../server/modules/dcat/quality/actions.js';
import { datasetFacts } from '../server/modules/dcat/quality/facts.js';
import { scoreDataset } from '../server/modules/dcat/quality/score.js';
import { complianceOf } from '../server/modules/dcat/quality/compliance.js';
import { datasetGraph, resolveProfiles } from '../server/modules/dcat/graph.js';
import { dcatSite } from '../server/modules/dcat/site.js';

/**
 * The dcat module once it registers the quality actions; until then a probe module carrying
 * them, so this file tests the actions either way.
 */
async function qualityModules(): Promise<KhoModule[]> {
  const path = '../server/modules/dcat/index.js';
  const mod = await import(path).catch(() => null) as Record<string, unknown> | null;
  const dcat = mod && Object.values(mod).find((m): m is KhoModule => !!m && typeof m === 'object'
    && Array.isArray((m as KhoModule).actions) && (m as KhoModule).actions!.some((a) => a.name === 'dcat_quality_show'));
  return dcat ? [datastoreModule, dcat] : [datastoreModule, { name: 'dcat-quality-probe', description: 'quality actions under test', actions: qualityActions }];
}

const modules = await qualityModules();
const k = await startKho({ modules });
t.teardown(() => k.close());
const org = await orgWithRoles(k, 'so-ke-hoach');

const quality = async (id: string, token?: string | null) => k.api('dcat_quality_show', { id }, { token });
const byId = (score: any) => Object.fromEntries(score.indicators.map((i: any) => [i.id, i]));
const metIds = (score: any) => score.indicators.filter((i: any) => i.status === 'met').map((i: any) => i.id).sort();

/**
 * Sets DCAT-AP fields as top-level package fields when Kho's schema has them, else as extras
 * (another change is moving them to the top level; the scoring reads both).
 */
async function setFields(id: string, fields: Record<string, string>) {
  const top = await k.api('package_patch', { id, ...fields });
  const dict = top.body.result;
  // A schema field may come back normalised (a theme as a list of one), so any value counts.
  const stuck = top.status === 200 && Object.keys(fields).every((key) => dict[key] !== undefined && dict[key] !== null);
  if (stuck) return dict;
  const shown = (await k.api('package_show', { id })).body.result;
  const extras = (shown.extras ?? []).filter((e: any) => !(e.key in fields));
  for (const [key, value] of Object.entries(fields)) extras.push({ key, value });
  const res = await k.api('package_patch', { id, extras });
  if (res.status !== 200) throw new Error(`${JSON.stringify(top.body)} then ${JSON.stringify(res.body)}`);
  return res.body.result;
}

async function uploadCsv(packageId: string, extra: Record<string, string> = {}) {
  const form = new FormData();
  form.append('package_id', packageId);
  for (const [key, value] of Object.entries(extra)) form.append(key, value);
  form.append('upload', new Blob([new Uint8Array(Buffer.from('Huyện,Dân số\nPhú Vang,180000\n'))], { type: 'text/csv' }), 'dan-so.csv');
  const res = await fetch(`${k.url}/api/action/resource_create`, { method: 'POST', headers: { Authorization: k.sysadmin.token }, body: form });
  const body = await res.json() as any;
  if (res.status !== 200) throw new Error(JSON.stringify(body));
  return body.result;
}

t.test('a bare dataset scores Bad and says what is missing, in English and Vietnamese', async (t) => {
  const made = await k.api('package_create', { name: 'tran-trui', owner_org: org.name });
  t.equal(made.status, 200);
  const res = await quality('tran-trui', null);
  t.equal(res.status, 200, JSON.stringify(res.body));
  const s = res.body.result;
  t.equal(s.max, 405);
  t.equal(s.indicators.length, 23, 'the 23 MQA indicators');
  t.equal(s.indicators.reduce((n: number, i: any) => n + i.max, 0), 405);
  // Only what every Kho dataset has: its organization as publisher and as contact point (the
  // profile names it when nobody else is given), its own timestamps as dates.
  t.same(metIds(s), ['contact_point', 'issued', 'modified', 'publisher']);
  t.equal(s.score, 40);
  t.equal(s.rating, 'Bad');
  t.same(s.rating_label, { en: 'Bad', vi: 'Kém' });
  t.same(Object.fromEntries(Object.entries(s.dimensions).map(([d, v]: [string, any]) => [d, [v.score, v.max]])), {
    findability: [0, 100], accessibility: [0, 100], interoperability: [0, 110], reusability: [30, 75], contextuality: [10, 20],
  });
  const i = byId(s);
  t.same(i.keyword.missing, { en: 'No keywords (tags).', vi: 'Chưa có từ khoá (thẻ).' });
  t.match(i.access_url.missing.en, /no resource/);
  t.match(i.dcat_ap_compliance.missing.en, /description \(dct:description\)/);
  t.match(i.dcat_ap_compliance.missing.vi, /mô tả/);
  t.equal(i.licence.status, 'missing');
  t.ok(s.indicators.every((x: any) => x.status === 'met' || (x.missing?.en && x.missing?.vi && x.advice?.en && x.advice?.vi)), 'every gap is said in both languages');
  t.equal(s.next_rating.rating, 'Sufficient');
  t.equal(s.next_rating.needs, 81);
  t.same(s.next_rating.add.map((a: any) => a.id), ['access_url', 'dcat_ap_compliance', 'access_rights_vocabulary'], 'the largest first, then the smallest that closes the rest');
  t.equal(s.next_rating.add.reduce((n: number, a: any) => n + a.points, 0), 85, 'what it lists is enough');
  t.match(s.next_rating.message.en, /^81 more points reach Sufficient: Upload the file, or link to an address that answers \(\+50\); /);
  t.match(s.next_rating.message.vi, /^Cần thêm 81 điểm để đạt mức Đạt: Tải tệp lên/);
  t.match(s.method.dcat_ap_compliance, /mandatory properties, checked on the published graph/);
});

t.test('each indicator flips when its field is added, by exactly its points', async (t) => {
  await k.api('package_create', { name: 'tung-buoc', owner_org: org.name });
  let last = (await quality('tung-buoc')).body.result;
  t.equal(last.score, 40);
  /** Makes a change; the named indicators must flip to met, adding exactly their points. */
  async function step(what: string, change: () => Promise<unknown>, flips: string[], gained: number) {
    await change();
    const now = (await quality('tung-buoc')).body.result;
    for (const id of flips) t.equal(byId(now)[id].status, 'met', `${what}: ${id} met`);
    t.equal(now.score - last.score, gained, `${what}: +${gained}`);
    last = now;
  }
  await step('tags', () => k.api('package_patch', { id: 'tung-buoc', tags: [{ name: 'dan-so' }] }), ['keyword'], 30);
  await step('theme', () => setFields('tung-buoc', { theme: 'http://publications.europa.eu/resource/authority/data-theme/SOCI' }), ['theme'], 30);
  await step('spatial', () => setFields('tung-buoc', { spatial_text: 'Thừa Thiên Huế' }), ['spatial'], 20);
  await step('temporal', () => setFields('tung-buoc', { temporal_start: '2020-01-01', temporal_end: '2024-12-31' }), ['temporal'], 20);
  await step('title and description', () => k.api('package_patch', { id: 'tung-buoc', title: 'Dân số', notes: 'Dân số theo huyện' }), ['dcat_ap_compliance'], 30);
  // The organization already stands as contact point (a dataset without one flips: see below).
  await step('contact', () => setFields('tung-buoc', { contact_name: 'Phòng Thống kê', contact_email: 'thongke@hue.gov.vn' }), ['contact_point'], 0);
  // Kho's schema takes access rights from the EU vocabulary only, so both indicators flip at once
  // (free text, as an older extra may hold, is scored below without the server).
  await step('access rights', () => setFields('tung-buoc', { access_rights: 'PUBLIC' }), ['access_rights', 'access_rights_vocabulary'], 15);
  t.equal(last.score, 185);
  t.equal(last.rating, 'Sufficient');

  // A link Kho has never fetched: its URL counts as an access URL, its accessibility is unknown.
  const link = (await k.api('resource_create', { package_id: 'tung-buoc', url: 'http://example.vn/du-lieu', name: 'Liên kết' })).body.result;
  let s = (await quality('tung-buoc')).body.result;
  t.equal(byId(s).access_url.status, 'unknown');
  t.equal(byId(s).access_url.points, 0);
  t.match(byId(s).access_url.missing.en, /no recorded status for the link of "Liên kết"/);
  t.same(s.unknown, ['access_url']);
  t.equal(byId(s).download_url.status, 'missing', 'a page link is no download URL');
  t.same(metIds(s), metIds(last), `a link adds nothing by itself: ${JSON.stringify(s.indicators.filter((i: any) => i.status === 'met').map((i: any) => i.id))}`);
  t.equal(s.score, 185);
  last = s;

  await step('licence (generic)', () => k.api('package_patch', { id: 'tung-buoc', license_id: 'other-open' }), ['licence'], 20);
  t.equal(byId(last).licence_vocabulary.status, 'missing');
  await step('licence (EU vocabulary)', () => k.api('package_patch', { id: 'tung-buoc', license_id: 'cc-by' }), ['licence_vocabulary'], 10);
  // Formats and media types are scored as the DCAT profile publishes them: a format with a
  // registered media type gives dcat:mediaType too.
  await step('format PDF', () => k.api('resource_patch', { id: link.id, format: 'PDF' }), ['format', 'media_type', 'format_media_type_vocabulary'], 40);
  t.equal(byId(last).machine_readable.status, 'missing', 'PDF is not machine-readable');
  t.equal(byId(last).non_proprietary.status, 'missing', 'nor on the non-proprietary list');
  await step('format CSV', () => k.api('resource_patch', { id: link.id, format: 'CSV' }), ['non_proprietary', 'machine_readable'], 40);
  await step('media type text/csv', () => k.api('resource_patch', { id: link.id, mimetype: 'text/csv' }), ['media_type'], 0);
  await step('an unregistered media type is not published', () => k.api('resource_patch', { id: link.id, mimetype: 'application/x-bang-tinh' }), ['format_media_type_vocabulary'], -10);
  t.equal(byId(last).media_type.status, 'missing');
  await step('back to text/csv', () => k.api('resource_patch', { id: link.id, mimetype: 'text/csv' }), ['media_type'], 10);
  await step('size', () => k.api('resource_patch', { id: link.id, size: 1234 }), ['byte_size'], 5);
  await step('rights', () => k.api('resource_patch', { id: link.id, rights: 'Được dùng lại, ghi rõ nguồn' }), ['rights'], 5);
  await step('download URL', () => k.api('resource_patch', { id: link.id, download_url: 'http://example.vn/du-lieu.csv' }), ['download_url'], 20);
  t.equal(byId(last).download_url_accessible.status, 'unknown', 'a download link Kho never fetched');
  t.equal(last.score, 325);
  t.equal(last.rating, 'Good');
  t.equal(last.next_rating.rating, 'Excellent');
  t.equal(last.next_rating.needs, 26);
  t.same(last.next_rating.add.map((a: any) => a.id), ['download_url_accessible'], 'one indicator closes the gap');

  // An upload Kho serves is accessible: both accessibility indicators are met.
  await step('an uploaded file', () => uploadCsv('tung-buoc'), ['access_url', 'download_url_accessible'], 80);
  t.equal(last.score, 405);
  t.equal(last.rating, 'Excellent');
  t.equal(last.next_rating, null);
  t.same(last.unknown, []);
});

t.test('a rich dataset with an uploaded CSV under an open licence scores Excellent, with exact points', async (t) => {
  const made = await k.api('package_create', {
    name: 'dan-so-huyen', title: 'Dân số theo huyện', notes: 'Dân số trung bình theo huyện, thị xã, thành phố',
    owner_org: org.name, license_id: 'cc-by', tags: [{ name: 'dan-so' }, { name: 'thong-ke' }],
    maintainer: 'Cục Thống kê', maintainer_email: 'cts@hue.gov.vn',
  });
  t.equal(made.status, 200, JSON.stringify(made.body));
  await setFields('dan-so-huyen', {
    theme: 'http://publications.europa.eu/resource/authority/data-theme/SOCI',
    spatial_uri: 'http://publications.europa.eu/resource/authority/country/VNM',
    temporal_start: '2019-01-01', temporal_end: '2023-12-31',
    access_rights: 'http://publications.europa.eu/resource/authority/access-right/PUBLIC',
  });
  await uploadCsv('dan-so-huyen', { name: 'Dân số 2023' });
  const s = (await quality('dan-so-huyen', null)).body.result;
  t.same(Object.fromEntries(Object.entries(s.dimensions).map(([d, v]: [string, any]) => [d, v.score])), {
    findability: 100, accessibility: 100, interoperability: 110, reusability: 75, contextuality: 15,
  });
  t.equal(s.score, 400);
  t.equal(s.rating, 'Excellent');
  t.same(s.rating_label, { en: 'Excellent', vi: 'Xuất sắc' });
  t.same(s.indicators.filter((i: any) => i.status !== 'met').map((i: any) => i.id), ['rights'], 'only the rights statement is missing');
  t.equal(byId(s).byte_size.points, 5, 'the upload recorded its size');
  t.equal(byId(s).media_type.points, 10, 'the upload recorded its media type');
  t.equal(s.next_rating, null, 'nothing above Excellent');
});

t.test('visibility is package_show\'s: 403 for a private dataset, 404 for an unknown one', async (t) => {
  await k.api('package_create', { name: 'rieng-tu', owner_org: org.name, private: true, notes: 'Nội bộ' });
  const anon = await quality('rieng-tu', null);
  t.equal(anon.status, 403);
  t.equal(anon.body.success, false);
  const outsider = await k.user('nguoi-ngoai');
  t.equal((await quality('rieng-tu', outsider.token)).status, 403);
  const member = await quality('rieng-tu', org.member.token);
  t.equal(member.status, 200);
  t.equal(member.body.result.dataset.name, 'rieng-tu');
  const unknown = await quality('khong-co-that', null);
  t.equal(unknown.status, 404);
  t.equal(unknown.body.error.__type, 'Not Found Error');
  t.equal((await k.api('dcat_quality_show', { id: 'rieng-tu' }, { token: null, method: 'GET' })).status, 403, 'GET too');
});

t.test('bad input is a 409 with the field named', async (t) => {
  const none = await k.api('dcat_quality_show', {});
  t.equal(none.status, 409);
  t.same(none.body.error.id, ['Missing value']);
  const notText = await k.api('dcat_quality_show', { id: 12 });
  t.equal(notText.status, 409);
  t.ok(notText.body.error.id);
  const empty = await k.api('dcat_quality_organization', { id: '' });
  t.equal(empty.status, 409);
  t.ok(empty.body.error.id);
  t.equal((await k.api('dcat_quality_organization', {})).status, 409);
});

t.test('the organization summary counts only what the caller may see', async (t) => {
  const other = await orgWithRoles(k, 'so-van-hoa');
  await k.api('package_create', { name: 'le-hoi', owner_org: other.name, title: 'Lễ hội', notes: 'Lễ hội truyền thống', tags: [{ name: 'van-hoa' }] });
  await k.api('package_create', { name: 'di-tich', owner_org: other.name });
  await k.api('package_create', { name: 'ho-so-noi-bo', owner_org: other.name, private: true });
  const rich = await k.api('package_create', {
    name: 'bao-tang', owner_org: other.name, title: 'Bảo tàng', notes: 'Danh sách bảo tàng', license_id: 'cc-zero',
    tags: [{ name: 'bao-tang' }], author: 'Sở Văn hoá',
  });
  t.equal(rich.status, 200);
  await uploadCsv('bao-tang');

  const anon = await k.api('dcat_quality_organization', { id: other.name }, { token: null });
  t.equal(anon.status, 200, JSON.stringify(anon.body));
  const a = anon.body.result;
  t.equal(a.organization.name, 'so-van-hoa');
  t.equal(a.datasets, 3, 'the private dataset is not scored for an anonymous caller');
  const scores = await Promise.all(['le-hoi', 'di-tich', 'bao-tang'].map(async (n) => (await quality(n, null)).body.result));
  const expected = { Excellent: 0, Good: 0, Sufficient: 0, Bad: 0 } as Record<string, number>;
  for (const s of scores) expected[s.rating]! += 1;
  t.same(a.ratings, expected);
  const avg = Math.round((scores.reduce((n, s) => n + s.score, 0) / 3) * 10) / 10;
  t.equal(a.average_score, avg);
  t.equal(a.dimensions.findability.average, Math.round((scores.reduce((n, s) => n + s.dimensions.findability.score, 0) / 3) * 10) / 10);
  t.equal(a.dimensions.interoperability.max, 110);
  t.ok(a.most_common_missing.length > 0 && a.most_common_missing.length <= 5);
  const top = a.most_common_missing[0];
  t.equal(top.datasets, 3, 'the most common gap is missing from every dataset');
  t.ok(top.label.en && top.label.vi && top.advice.en && top.advice.vi);
  for (let i = 1; i < a.most_common_missing.length; i++) {
    t.ok(a.most_common_missing[i - 1].datasets >= a.most_common_missing[i].datasets, 'sorted by how many datasets miss it');
  }

  const member = (await k.api('dcat_quality_organization', { id: other.id }, { token: other.member.token })).body.result;
  t.equal(member.datasets, 4, 'a member also gets the private one, by id as by name');
  t.equal(member.ratings.Bad, a.ratings.Bad + 1);
  const outsider = (await k.api('dcat_quality_organization', { id: other.name }, { token: org.member.token })).body.result;
  t.equal(outsider.datasets, 3, 'a member of another organization does not');

  t.equal((await k.api('dcat_quality_organization', { id: 'khong-co' }, { token: null })).status, 404);
  const empty = await orgWithRoles(k, 'so-trong');
  const none = (await k.api('dcat_quality_organization', { id: empty.name })).body.result;
  t.equal(none.datasets, 0);
  t.equal(none.average_score, 0);
  t.equal(none.average_rating, null);
});

t.test('a link is as the DataStore last fetched it', async (t) => {
  const files = createServer((req, res) => {
    if (req.url === '/so-lieu.csv') {
      res.writeHead(200, { 'Content-Type': 'text/csv' });
      res.end('a,b\n1,2\n');
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => files.close(() => r())));
  const base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  const kl: TestKho = await startKho({ modules, env: { KHO_DATASTORE_AUTOLOAD: '1' } });
  t.teardown(() => kl.close());
  const o = await orgWithRoles(kl, 'so-lien-ket');
  const make = async (name: string, url: string) => {
    const made = await kl.api('package_create', { name, owner_org: o.name, resources: [{ url, format: 'CSV', name: 'Tệp' }] });
    if (made.status !== 200) throw new Error(JSON.stringify(made.body));
    const rid = made.body.result.resources[0].id as string;
    // As loadHelpers' `loaded`, with more patience: the machine may be busy.
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      await kl.kho.jobs!.runPending();
      const st = await kl.api('xloader_status', { resource_id: rid });
      if (st.status === 200 && ['complete', 'error'].includes(st.body.result.status)) return rid;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the load of ${url} did not finish`);
  };
  const good = await make('lien-ket-tot', `${base}/so-lieu.csv`);
  const ok = (await kl.api('dcat_quality_show', { id: 'lien-ket-tot' })).body.result;
  t.equal(ok.indicators.find((i: any) => i.id === 'access_url').status, 'met', 'a completed load fetched the link');
  t.equal(ok.links[0].resource_id, good);
  t.equal(ok.links[0].source, 'last_load');
  t.equal(ok.links[0].state, 'accessible');
  t.ok(ok.links[0].checked);

  await make('lien-ket-hong', `${base}/mat-roi.csv`);
  const bad = (await kl.api('dcat_quality_show', { id: 'lien-ket-hong' })).body.result;
  const access = bad.indicators.find((i: any) => i.id === 'access_url');
  t.equal(access.status, 'missing');
  t.match(access.missing.en, /last fetch of "Tệp \(HTTP 404\)" failed/);
  t.equal(bad.links[0].http_status, 404);
});

t.test('fields kept as extras score as top-level ones do; free-text access rights are not vocabulary', async (t) => {
  const dict = {
    id: 'x', name: 'cu', title: 'Cũ', notes: 'Bộ dữ liệu cũ', metadata_created: '2020-01-01T00:00:00', metadata_modified: '2020-01-01T00:00:00',
    extras: [
      { key: 'theme', value: '["http://publications.europa.eu/resource/authority/data-theme/SOCI"]' },
      { key: 'spatial_text', value: 'Huế' }, { key: 'temporal_end', value: '2020' },
      { key: 'contact_email', value: 'a@hue.gov.vn' }, { key: 'access_rights', value: 'Ai cũng dùng được' },
    ],
  };
  const s = scoreDataset(datasetFacts(dict));
  const i = byId(s);
  for (const id of ['theme', 'spatial', 'temporal', 'contact_point', 'access_rights', 'dcat_ap_compliance']) t.equal(i[id].status, 'met', id);
  t.equal(i.access_rights_vocabulary.status, 'missing');
  t.equal(i.publisher.status, 'missing', 'no organization, no publisher');
  const noContact = byId(scoreDataset(datasetFacts({ ...dict, extras: [] })));
  t.equal(noContact.contact_point.status, 'missing', 'no organization and no contact: no contact point');
  t.equal(byId(scoreDataset(datasetFacts({ ...dict, extras: [], maintainer_email: 'a@hue.gov.vn' }))).contact_point.status, 'met');
  t.equal(s.score, 30 + 20 + 20 + 20 + 10 + 30 + 5 + 5);

  // A sector group the profile maps to an EU theme counts as a category; one it does not, not.
  const grouped = (name: string) => byId(scoreDataset(datasetFacts({ ...dict, extras: [], groups: [{ name }] }))).theme;
  t.equal(grouped('y-te').status, 'met');
  t.match(grouped('nhom-khac').missing.en, /map to no EU data theme/);
  // A licence published under its own URI (GFDL) is a licence, but not from the EU vocabulary.
  const gfdl = byId(scoreDataset(datasetFacts({ ...dict, license_id: 'gfdl', resources: [{ id: 'r', url: 'http://example.vn/a.csv', format: 'CSV' }] })));
  t.equal(gfdl.licence.status, 'met');
  t.equal(gfdl.licence_vocabulary.status, 'missing');
  const odbl = byId(scoreDataset(datasetFacts({ ...dict, license_id: 'odc-odbl', resources: [{ id: 'r', url: 'http://example.vn/a.csv' }] })));
  t.equal(odbl.licence_vocabulary.status, 'met');
});

t.test('each indicator is met exactly when the published DCAT-AP document has its property', async (t) => {
  // The indicators read the dict as the profile writes it; the graph itself is the judge.
  const DCAT = 'http://www.w3.org/ns/dcat#';
  const DCT = 'http://purl.org/dc/terms/';
  const property: Record<string, string> = {
    keyword: DCAT + 'keyword', theme: DCAT + 'theme', spatial: DCT + 'spatial', temporal: DCT + 'temporal',
    download_url: DCAT + 'downloadURL', format: DCT + 'format', media_type: DCAT + 'mediaType', licence: DCT + 'license',
    access_rights: DCT + 'accessRights', contact_point: DCAT + 'contactPoint', publisher: DCT + 'publisher',
    rights: DCT + 'rights', byte_size: DCAT + 'byteSize', issued: DCT + 'issued', modified: DCT + 'modified',
  };
  const names = ['tran-trui', 'tung-buoc', 'dan-so-huyen', 'le-hoi', 'di-tich', 'bao-tang'];
  for (const name of names) {
    const dict = (await k.api('package_show', { id: name })).body.result;
    const quads = datasetGraph(dcatSite(k.kho.config), dict, resolveProfiles(undefined));
    const has = (p: string) => quads.some((q) => q.predicate.value === p);
    const s = byId((await quality(name)).body.result);
    for (const [id, p] of Object.entries(property)) t.equal(s[id].status === 'met', has(p), `${name}: ${id} met ⇔ ${p.replace(/.*[#/]/, '')} published`);
    const euLicence = quads.some((q) => q.predicate.value === DCT + 'license' && q.object.value.startsWith('http://publications.europa.eu/resource/authority/licence/'));
    t.equal(s.licence_vocabulary.status === 'met', euLicence, `${name}: licence vocabulary ⇔ an EU licence URI`);
  }
});

t.test('DCAT-AP compliance is checked on the graph the DCAT module publishes', async (t) => {
  const site = dcatSite(k.kho.config);
  const dict = {
    id: '7f0c1c52-8a3e-4d7e-9a8e-2f0d3c4b5a61', name: 'mau', title: 'Mẫu', notes: 'Mô tả', metadata_created: '2024-01-01T00:00:00', metadata_modified: '2024-01-01T00:00:00',
    resources: [{ id: '0b6f4b0e-3c1d-4f57-8d3e-5a7c9e1f2b30', name: 'Có đường dẫn', url: 'http://example.vn/a.csv' }],
  };
  const score = (d: Record<string, any>) => byId(scoreDataset(datasetFacts(d), complianceOf(site, d))).dcat_ap_compliance;
  t.equal(score(dict).status, 'met');
  const noUrl = score({ ...dict, resources: [...dict.resources, { id: '1c7e5d2a-9b4f-4e61-a3d8-6f2b0c9e7d41', name: 'Không có đường dẫn', url: '' }] });
  t.equal(noUrl.status, 'missing');
  t.match(noUrl.missing.en, /an access URL \(dcat:accessURL\) for "Không có đường dẫn"/);
  t.match(noUrl.missing.vi, /đường dẫn truy cập \(dcat:accessURL\) cho "Không có đường dẫn"/);
  const noNotes = score({ ...dict, notes: '' });
  t.same(noNotes.missing, { en: 'DCAT-AP requires a description (dct:description).', vi: 'DCAT-AP bắt buộc có mô tả (dct:description).' });
});
