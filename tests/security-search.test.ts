// Issue 10, item 4 (search part): one package_search must not freeze the server. A q of 300
// unknown words took the typo-tolerance step to a 500 after 15 s (`Cannot read properties of
// undefined (reading 'n')`) and left the embedded database spinning; 100 words took 4 s. The
// work is now bounded before it starts (LIMITS in server/logic/validators.ts) and the crash's
// cause, a SQL expression nested once per word, is gone.
import t, { type Test } from 'tap';
import { startKho } from './helpers/kho.js';
import { LIMITS } from '../server/core/limits.js';
import { ANONYMOUS } from '../server/core/visibility.js';

const k = await startKho();
t.teardown(() => k.close());
await k.api('organization_create', { name: 'so-y-te', title: 'Sở Y tế' });

// A vocabulary of a few thousand words, so that the typo step has real neighbours to look
// through for every unknown word (it reads up to 2,200 candidates per word).
let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const LETTERS = 'abcdeghiklmnopqrstuvxy';
const randomWord = (min = 5) => Array.from({ length: min + Math.floor(rnd() * 4) }, () => LETTERS[Math.floor(rnd() * LETTERS.length)]).join('');
for (let i = 0; i < 4; i++) {
  const r = await k.api('package_create', {
    name: `tu-vung-${i}`, title: `Từ vựng ${i}`, owner_org: 'so-y-te',
    notes: Array.from({ length: 1500 }, () => randomWord(4)).join(' '),
  });
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
}
const TITLE = 'Danh sách bệnh viện tuyến huyện và trạm y tế xã phường thị trấn tỉnh Thừa Thiên Huế năm 2024';
const hospital = (await k.api('package_create', { name: 'benh-vien-tuyen-huyen', title: TITLE, owner_org: 'so-y-te' })).body.result;

const search = (params: Record<string, unknown>) => k.api('package_search', params, { token: null, method: 'POST' });
const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const out = await f();
  return [out, performance.now() - t0];
};
const unknownWords = (n: number) => Array.from({ length: n }, (_, i) => `${randomWord(6)}q${i}`).join(' ');

async function stillAnswers(t: Test) {
  const [status, ms] = await timed(() => k.api('status_show', {}, { token: null }));
  t.equal(status.status, 200, 'status_show answers right after');
  t.ok(ms < 2000, `status_show took ${Math.round(ms)} ms`);
  const found = await search({ q: 'benh vien tuyen huyen' });
  t.equal(found.status, 200);
  t.same(found.body.result.results.map((r: any) => r.id), [hospital.id], 'and search still works');
}

t.test('300 unknown words: a quick 409 naming the bound, and the server keeps answering', async (t) => {
  const [r, ms] = await timed(() => search({ q: unknownWords(300) }));
  t.equal(r.status, 409);
  t.same(r.body.error, { __type: 'Search Error', message: `Search error: q has 300 different words; at most ${LIMITS.freeTextWords} are searched for` });
  t.ok(ms < 2000, `answered in ${Math.round(ms)} ms`);
  await stillAnswers(t);
});

t.test(`${LIMITS.freeTextWords} unknown words (the most allowed) are searched quickly`, async (t) => {
  const [r, ms] = await timed(() => search({ q: unknownWords(LIMITS.freeTextWords) }));
  t.equal(r.status, 200, JSON.stringify(r.body.error));
  t.equal(r.body.result.count, 0);
  t.ok(ms < 3000, `answered in ${Math.round(ms)} ms`);
  await stillAnswers(t);
});

t.test('the typo step itself stays bounded and shallow when handed 300 unknown words', async (t) => {
  // Past the HTTP bound, straight into the backend: this is what crashed. The match count was
  // a chain of 300 `+` that the embedded database overflowed on, returning no count row; and
  // every one of the 300 words was expanded through the vocabulary.
  const params = {
    q: unknownWords(300), fq: [], sort: 'score desc, metadata_modified desc', rows: 10, start: 0,
    facetFields: [], facetLimit: 50, facetMincount: 1, includePrivate: false, includeDrafts: false,
  };
  const [result, ms] = await timed(() => k.kho.search.search(params, ANONYMOUS));
  t.equal(result.count, 0);
  t.ok(ms < 5000, `searched in ${Math.round(ms)} ms`);
  await stillAnswers(t);
});

t.test('20 words with typos still find what was meant', async (t) => {
  // Five words each one slip away (letters swapped or added) among fifteen right ones: edismax's
  // mm needs 16 of the 20, so the typo step must find what was meant.
  const words = TITLE.split(' ');
  t.equal(words.length, 20);
  const slips: Record<string, string> = { 'viện': 'vein', 'tuyến': 'tuyne', 'trạm': 'trma', 'phường': 'phuongg', 'Thiên': 'thein' };
  const q = words.map((w) => slips[w] ?? w).join(' ');
  const r = await search({ q });
  t.equal(r.status, 200, JSON.stringify(r.body.error));
  t.same(r.body.result.results.map((x: any) => x.id), [hospital.id]);
  // And the same typos after unknown words past the expansion bound are simply not expanded,
  // so they cannot make the search expensive.
  const past = await search({ q: `${unknownWords(LIMITS.fuzzyWords)} benh vein` });
  t.equal(past.status, 200);
});

t.test('fq and structured q are bounded: length, clauses, nesting', async (t) => {
  const clauses = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' OR ');
  const fq = `notes:(${clauses(1500)})`;
  const long = await search({ fq });
  t.equal(long.status, 409);
  t.same(long.body.error, {
    __type: 'Search Error',
    message: `Search error: fq is ${fq.length.toLocaleString('en')} characters long; at most ${LIMITS.queryChars.toLocaleString('en')} are accepted`,
  });

  const many = await search({ q: `title:(${clauses(600)})`, fq_list: [`notes:(${clauses(600)})`] });
  t.equal(many.status, 409);
  t.same(many.body.error, {
    __type: 'Search Error',
    message: `Search error: too many clauses: q and fq have 1,200 terms together; at most ${LIMITS.queryClauses.toLocaleString('en')} are allowed (maxBooleanClauses)`,
  });

  const phrase = await search({ q: `title:"${Array.from({ length: 1100 }, (_, i) => `w${i}`).join(' ')}"` });
  t.equal(phrase.status, 409, 'a phrase counts a clause per word: each is a term of the SQL');

  const ok = await search({ q: `title:(${clauses(500)} OR benh)`, fq: `notes:(${clauses(500)}) OR name:benh-vien-tuyen-huyen` });
  t.equal(ok.status, 200, JSON.stringify(ok.body.error));
  t.same(ok.body.result.results.map((r: any) => r.id), [hospital.id], '1,002 clauses are answered');

  const nest = (d: number): string => (d === 0 ? 'title:benh' : `-(name:x${d} OR ${nest(d - 1)})`);
  const deep = await search({ fq: nest(LIMITS.queryDepth + 1) });
  t.equal(deep.status, 409);
  t.same(deep.body.error, { __type: 'Search Error', message: `Search error: Query is nested too deeply (more than ${LIMITS.queryDepth} levels of parentheses)` });
  const deepest = await search({ fq: nest(LIMITS.queryDepth) });
  t.equal(deepest.status, 200, 'the deepest allowed query runs on the embedded database too');
  await stillAnswers(t);
});

t.test('autocomplete text is bounded', async (t) => {
  const long = 'benh vien '.repeat(30).trim();
  t.ok(long.length > LIMITS.autocompleteChars);
  const message = `Must be a maximum of ${LIMITS.autocompleteChars} characters long`;
  for (const action of ['package_autocomplete', 'format_autocomplete', 'organization_autocomplete', 'group_autocomplete', 'user_autocomplete']) {
    const r = await k.api(action, { q: long }, { token: null });
    t.equal(r.status, 409, action);
    t.same(r.body.error, { __type: 'Validation Error', q: [message] }, action);
  }
  const tags = await k.api('tag_autocomplete', { query: long }, { token: null });
  t.equal(tags.status, 409);
  t.same(tags.body.error, { __type: 'Validation Error', query: [message] });

  const words = await k.api('package_autocomplete', { q: long.slice(0, LIMITS.autocompleteChars) }, { token: null });
  t.equal(words.status, 200, 'the longest text allowed, 40 words, is answered');
  const found = await k.api('package_autocomplete', { q: 'benh vien tuyen' }, { token: null });
  t.same(found.body.result.map((r: any) => r.name), ['benh-vien-tuyen-huyen']);
  await stillAnswers(t);
});
