// Vietnamese search behaviour: folded matching with exact-diacritic matches first, CKAN's
// minimum-should-match for longer queries, and dictionary order for title_string.
import t from 'tap';
import { startKho } from './helpers/kho.js';

const k = await startKho();
t.teardown(() => k.close());
await k.api('organization_create', { name: 'to-chuc', title: 'Tổ chức' });
const titles: Record<string, string> = {
  'hue-co-dau': 'Huế',
  'hue-khong-dau': 'Hue city data',
  'zebra': 'Zebra crossings',
  'da-nang': 'Đà Nẵng',
  'dan-so': 'Dân số',
  'am-nhac': 'Âm nhạc',
  'bao-tang': 'Bảo tàng',
  'an-uong': 'Ăn uống',
  'an-ninh': 'An ninh trật tự',
  'khach-san': 'Khách sạn ven biển Lăng Cô',
  'benh-vien': 'Bệnh viện đa khoa tỉnh',
};
for (const [name, title] of Object.entries(titles)) await k.api('package_create', { name, title, owner_org: 'to-chuc' });

const names = async (params: Record<string, unknown>) =>
  (await k.api('package_search', { rows: 100, ...params }, { token: null, method: 'GET' })).body.result.results.map((p: any) => p.name);

t.test('title_string sorts in Vietnamese dictionary order', async (t) => {
  t.same(await names({ sort: 'title_string asc' }), ['an-ninh', 'an-uong', 'am-nhac', 'bao-tang', 'benh-vien', 'dan-so', 'da-nang', 'hue-khong-dau', 'hue-co-dau', 'khach-san', 'zebra']);
  const desc = await names({ sort: 'title_string desc' });
  t.equal(desc[0], 'zebra');
  t.equal(desc[desc.length - 1], 'an-ninh');
});

t.test('with diacritics, the exact spelling ranks first; without, both match', async (t) => {
  const exact = await names({ q: 'Huế' });
  t.same([...exact].sort(), ['hue-co-dau', 'hue-khong-dau']);
  t.equal(exact[0], 'hue-co-dau');
  t.same((await names({ q: 'hue' })).sort(), ['hue-co-dau', 'hue-khong-dau']);
  t.same(await names({ q: 'da nang' }), ['da-nang']);
  t.same(await names({ q: 'ĐÀ NẴNG' }), ['da-nang']);
});

t.test('longer queries need all but one word (3–5 words)', async (t) => {
  t.same(await names({ q: 'khach san lang co' }), ['khach-san'], 'all four words');
  t.same(await names({ q: 'khach san lang hanoi' }), ['khach-san'], 'three of four');
  t.same(await names({ q: 'khach hanoi saigon' }), [], 'one of three is not enough');
  t.same(await names({ q: 'khach hanoi' }), [], 'two words are both required');
});

t.test('the word being typed matches as a prefix', async (t) => {
  t.same(await names({ q: 'khach s' }), ['khach-san']);
  t.same(await names({ q: 'bao ta' }), ['bao-tang']);
});

t.test('one-letter slips are forgiven', async (t) => {
  t.same(await names({ q: 'benh vein' }), ['benh-vien'], 'transposed letters');
  t.same(await names({ q: 'benh vienn da khoa' }), ['benh-vien'], 'a doubled letter');
  t.same(await names({ q: 'khach sanh lang' }), ['khach-san']);
  t.same(await names({ q: 'xyzzyq' }), [], 'nothing near: nothing found');
});
