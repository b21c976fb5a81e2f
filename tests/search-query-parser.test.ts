// The q / fq query language (spec section 6): grammar, precedence, escapes, errors, date math.
import t from 'tap';
import { parseQuery, QuerySyntaxError, resolveDateMath } from '../server/search/query/parser.js';
import { formatQuery, normalize, type QueryNode } from '../server/search/query/ast.js';

const ALL: QueryNode = { kind: 'all' };
const term = (field: string | null, value: string, phrase = false): QueryNode => ({ kind: 'term', field, value, phrase });
const word = (value: string) => term(null, value);
const prefix = (field: string | null, value: string): QueryNode => ({ kind: 'prefix', field, value });
const exists = (field: string): QueryNode => ({ kind: 'exists', field });
const range = (field: string, lower: string | null, upper: string | null, includeLower = true, includeUpper = true): QueryNode =>
  ({ kind: 'range', field, lower, upper, includeLower, includeUpper });
const and = (...children: QueryNode[]): QueryNode => ({ kind: 'and', children });
const or = (...children: QueryNode[]): QueryNode => ({ kind: 'or', children });
const not = (child: QueryNode): QueryNode => ({ kind: 'not', child });
const minus = (child: QueryNode): QueryNode => and(ALL, not(child));

/** The canonical text of a parse, for compact precedence assertions. */
const show = (q: string) => formatQuery(parseQuery(q));

type Asserts = Pick<typeof t, 'ok' | 'match' | 'fail'>;

function fails(t: Asserts, q: string, message: RegExp) {
  try {
    parseQuery(q);
    t.fail(`${JSON.stringify(q)} should not parse`);
  } catch (err) {
    t.ok(err instanceof QuerySyntaxError, `${JSON.stringify(q)} throws QuerySyntaxError`);
    t.match((err as Error).message, message, JSON.stringify(q));
  }
}

t.test('match all', async (t) => {
  for (const q of ['*:*', '', '   ', '\t\n', ' *:* ', '*', '(*:*)', '*:* AND *:*', 'text:*']) t.same(parseQuery(q), ALL, JSON.stringify(q));
  t.same(parseQuery('*:* foo'), word('foo'), 'all drops out of a conjunction');
  t.same(parseQuery('*:* OR foo'), ALL, 'and absorbs a disjunction');
});

t.test('terms and phrases', async (t) => {
  t.same(parseQuery('tags:economy'), term('tags', 'economy'));
  t.same(parseQuery('tags:"du lịch"'), term('tags', 'du lịch', true));
  t.same(parseQuery('organization:so-y-te'), term('organization', 'so-y-te'));
  t.same(parseQuery('res_format:CSV'), term('res_format', 'CSV'));
  t.same(parseQuery('name: spaced'), term('name', 'spaced'), 'whitespace after the colon');
  t.same(parseQuery('metadata_modified: 2024-05-01T10:20:30Z'), term('metadata_modified', '2024-05-01T10:20:30Z'));
  t.same(parseQuery('"da nang"'), term(null, 'da nang', true));
  t.same(parseQuery('title:""'), term('title', '', true), 'empty phrase');
  t.same(parseQuery('text:hue'), word('hue'), 'explicit text: is the default field');
  t.same(parseQuery('title:hello world'), and(term('title', 'hello'), word('world')), 'a field binds one term only');
  t.same(parseQuery('metadata_modified:2024-05-01T10:20:30.123456Z'),
    term('metadata_modified', '2024-05-01T10:20:30.123456Z'), 'colons inside a value');
  t.same(parseQuery('num_resources:-1'), term('num_resources', '-1'), 'a leading - in a value is not an operator');
  t.same(parseQuery('url:http://x.vn/a?b=1'), term('url', 'http://x.vn/a?b=1'), 'a ? is literal');
  t.same(parseQuery('and or not'), and(word('and'), word('or'), word('not')), 'lower-case keywords are words');
  t.same(parseQuery('name:AND'), term('name', 'AND'), 'a keyword in value position is a value');
  t.same(parseQuery('a&&b c||d'), and(word('a&&b'), word('c||d')), '&& inside a word');
  t.same(parseQuery('e-mail hello!'), and(word('e-mail'), word('hello!')));
});

t.test('free text and Vietnamese', async (t) => {
  t.same(parseQuery('dân số 2020'), and(word('dân'), word('số'), word('2020')));
  t.same(parseQuery('Số lượt khách'), and(word('Số'), word('lượt'), word('khách')));
  t.same(parseQuery('title:"Đà Nẵng"'), term('title', 'Đà Nẵng', true));
  t.same(parseQuery('tags:(du\\ lịch OR y\\ tế)'), or(term('tags', 'du lịch'), term('tags', 'y tế')));
  t.same(parseQuery('extras_chủ_đề:giáo-dục'), term('extras_chủ_đề', 'giáo-dục'), 'Unicode field names');
  t.same(parseQuery('Huế\u00a0Đà'), and(word('Huế'), word('Đà')), 'Unicode whitespace separates');
});

t.test('field groups', async (t) => {
  t.same(parseQuery('state:(active OR draft)'), or(term('state', 'active'), term('state', 'draft')));
  t.same(parseQuery('tags:(a b)'), and(term('tags', 'a'), term('tags', 'b')));
  t.same(parseQuery('tags:(a OR "b c" OR d*)'), or(term('tags', 'a'), term('tags', 'b c', true), prefix('tags', 'd')));
  t.same(parseQuery('tags:(a OR name:b)'), or(term('tags', 'a'), term('name', 'b')), 'an inner field wins');
  t.same(parseQuery('tags:(a (b OR c))'), and(term('tags', 'a'), or(term('tags', 'b'), term('tags', 'c'))), 'nested groups inherit');
  t.same(parseQuery('tags:(-a)'), minus(term('tags', 'a')));
  t.same(parseQuery('num_resources:([1 TO 2] OR [5 TO *])'), or(range('num_resources', '1', '2'), range('num_resources', '5', null)));
  t.same(parseQuery('extras_theme:(*)'), exists('extras_theme'));
});

t.test('boolean operators and precedence', async (t) => {
  t.equal(show('a AND b'), '(a AND b)');
  t.equal(show('a && b'), '(a AND b)');
  t.equal(show('a OR b'), '(a OR b)');
  t.equal(show('a || b'), '(a OR b)');
  t.equal(show('a b'), '(a AND b)', 'implicit AND');
  t.equal(show('a OR b c'), '(a OR (b AND c))', 'AND binds tighter than OR');
  t.equal(show('a b OR c'), '((a AND b) OR c)');
  t.equal(show('a AND b OR c AND d'), '((a AND b) OR (c AND d))');
  t.equal(show('a OR b OR c'), '(a OR b OR c)', 'flattened');
  t.equal(show('(a OR b) c'), '((a OR b) AND c)');
  t.equal(show('a (b OR (c d))'), '(a AND (b OR (c AND d)))');
  t.equal(show('((a))'), 'a');
  t.equal(show('NOT a b'), '(NOT a AND b)', 'NOT binds tighter than AND');
  t.equal(show('a NOT b'), '(a AND NOT b)');
  t.equal(show('a AND NOT b'), '(a AND NOT b)');
  t.equal(show('a OR NOT b'), '(a OR (*:* AND NOT b))');
  t.equal(show('NOT (a OR b) c'), '(NOT (a OR b) AND c)');
  t.equal(show('!a b'), '(NOT a AND b)');
  t.equal(show('NOT NOT a'), 'a', 'double negation');
  t.equal(show('- -a'), 'a');
  t.equal(show('a -(b -c)'), '(a AND NOT (b AND NOT c))');
});

t.test('required and excluded clauses', async (t) => {
  t.same(parseQuery('+capacity:public -organization:org1'),
    and(term('capacity', 'public'), not(term('organization', 'org1'))));
  t.same(parseQuery('-organization:x'), minus(term('organization', 'x')), 'only negative: everything minus');
  t.same(parseQuery('NOT organization:x'), minus(term('organization', 'x')));
  t.same(parseQuery('-a -b'), and(ALL, not(word('a')), not(word('b'))));
  t.same(parseQuery('(-a) OR b'), or(minus(word('a')), word('b')), 'negative group inside OR');
  t.same(parseQuery('+a'), word('a'));
  t.same(parseQuery('+a +b'), and(word('a'), word('b')));
  t.same(parseQuery('a - b'), and(word('a'), not(word('b'))), 'detached minus applies to the next clause');
  t.same(parseQuery('*:* -organization:x'), minus(term('organization', 'x')));
  t.same(parseQuery('-*:*'), minus(ALL), 'nothing');
  t.same(parseQuery('+state:active (organization:x OR organization:y)'),
    and(term('state', 'active'), or(term('organization', 'x'), term('organization', 'y'))));
});

t.test('ranges', async (t) => {
  t.same(parseQuery('metadata_modified:[2024-05-01T10:20:30.123456Z TO *]'),
    range('metadata_modified', '2024-05-01T10:20:30.123456Z', null));
  t.same(parseQuery('metadata_modified:[* TO NOW]'), range('metadata_modified', null, 'NOW'));
  t.same(parseQuery('metadata_modified:[NOW-1DAY TO NOW/DAY+1DAY]'), range('metadata_modified', 'NOW-1DAY', 'NOW/DAY+1DAY'));
  t.same(parseQuery('num_resources:[1 TO *]'), range('num_resources', '1', null));
  t.same(parseQuery('name:{a TO b}'), range('name', 'a', 'b', false, false));
  t.same(parseQuery('name:[a TO b}'), range('name', 'a', 'b', true, false));
  t.same(parseQuery('name:{a TO b]'), range('name', 'a', 'b', false, true));
  t.same(parseQuery('name:[  a   TO   b  ]'), range('name', 'a', 'b'));
  t.same(parseQuery('title_string:["a b" TO "c\\"d"]'), range('title_string', 'a b', 'c"d'), 'quoted bounds');
  t.same(parseQuery('name:["*" TO "TO"]'), range('name', '*', 'TO'), 'quoted * and TO are literal');
  t.same(parseQuery('name:[a\\]b TO c]'), range('name', 'a]b', 'c'), 'escaped bracket');
  t.same(parseQuery('extras_theme:[* TO *]'), exists('extras_theme'), 'fully open range = exists');
  t.same(parseQuery('num_resources:[1 TO 2]^3'), range('num_resources', '1', '2'), 'boost ignored');
  t.same(parseQuery('-num_resources:[1 TO 2] a'), and(not(range('num_resources', '1', '2')), word('a')));
});

t.test('wildcards and exists', async (t) => {
  t.same(parseQuery('name:ha-noi*'), prefix('name', 'ha-noi'));
  t.same(parseQuery('extras_theme:*'), exists('extras_theme'));
  t.same(parseQuery('tags:**'), exists('tags'));
  t.same(parseQuery('hà*'), prefix(null, 'hà'));
  t.same(parseQuery('name:a*b'), term('name', 'a*b'), 'inner * is literal');
  t.same(parseQuery('name:a*b*'), prefix('name', 'a*b'));
  t.same(parseQuery('name:ha\\*'), term('name', 'ha*'), 'escaped trailing * is literal');
  t.same(parseQuery('name:\\*'), term('name', '*'));
  t.same(parseQuery('name:"ha*"'), term('name', 'ha*', true), 'no wildcards in phrases');
});

t.test('escapes', async (t) => {
  t.same(parseQuery('a\\:b'), word('a:b'), '\\: keeps a colon in a word');
  t.same(parseQuery('url:http\\://x'), term('url', 'http://x'));
  t.same(parseQuery('extras_a\\:b:c'), term('extras_a:b', 'c'), 'escaped colon in a field name');
  t.same(parseQuery('title:\\"quoted\\"'), term('title', '"quoted"'));
  t.same(parseQuery('\\(x\\)'), word('(x)'));
  t.same(parseQuery('\\[x\\] \\{y\\}'), and(word('[x]'), word('{y}')));
  t.same(parseQuery('tags:du\\ lịch'), term('tags', 'du lịch'), 'escaped space');
  t.same(parseQuery('\\-a \\+b \\!c'), and(word('-a'), word('+b'), word('!c')), 'escaped operators');
  t.same(parseQuery('\\AND \\OR \\NOT \\TO'), and(word('AND'), word('OR'), word('NOT'), word('TO')), 'escaped keywords');
  t.same(parseQuery('a\\\\b'), word('a\\b'), 'escaped backslash');
  t.same(parseQuery('a\\^2 b\\~'), and(word('a^2'), word('b~')));
  t.same(parseQuery('"say \\"hi\\" \\\\ ok"'), term(null, 'say "hi" \\ ok', true), 'escapes in phrases');
  t.same(parseQuery('\\u0048u\\u1EBF'), word('Huế'), '\\uXXXX');
  t.same(parseQuery('\\Đà'), word('Đà'), 'escaping any character');
});

t.test('boosts and fuzziness are accepted and ignored', async (t) => {
  t.same(parseQuery('title:foo^2'), term('title', 'foo'));
  t.same(parseQuery('title:foo^0.5 bar'), and(term('title', 'foo'), word('bar')));
  t.same(parseQuery('"a b"~3'), term(null, 'a b', true));
  t.same(parseQuery('roam~ roam~1'), and(word('roam'), word('roam')));
  t.same(parseQuery('(a OR b)^2'), or(word('a'), word('b')));
});

t.test('syntax errors', async (t) => {
  fails(t, '{!lucene}x', /Local parameters/);
  fails(t, '{!func}sum(1,2)', /Local parameters/);
  fails(t, 'x {!dismax qf=title}y', /Local parameters/);
  fails(t, 'title:(unbalanced', /Unbalanced parentheses.*column 7.*never closed/);
  fails(t, '(a OR (b)', /never closed/);
  fails(t, 'a)', /Unbalanced parentheses.*'\)' at column 2/);
  fails(t, ')', /Unbalanced parentheses/);
  fails(t, '()', /Empty parentheses/);
  fails(t, 'tags:()', /Empty parentheses/);
  fails(t, '"abc', /Unterminated quoted phrase.*column 1/);
  fails(t, 'title:"abc', /Unterminated quoted phrase.*column 7/);
  fails(t, 'a AND', /'AND' at column 3 must be followed by a search term, found end of query/);
  fails(t, 'a OR', /'OR'.*must be followed/);
  fails(t, 'a ||', /'\|\|'.*must be followed/);
  fails(t, 'OR b', /cannot start with 'OR'/);
  fails(t, 'AND', /cannot start with 'AND'/);
  fails(t, 'a AND OR b', /'AND'.*found 'OR'/);
  fails(t, 'a OR AND b', /'OR'.*found 'AND'/);
  fails(t, 'NOT', /'NOT'.*must be followed/);
  fails(t, 'a NOT', /'NOT'.*must be followed/);
  fails(t, 'a -', /'-'.*must be followed/);
  fails(t, '+', /'\+'.*must be followed/);
  fails(t, '!', /'!'.*must be followed/);
  fails(t, '(a AND)', /'AND'.*found '\)'/);
  fails(t, '(OR a)', /'OR'.*needs a search term before it/);
  fails(t, 'a TO b', /'TO' at column 3 is only valid inside a range/);
  fails(t, 'metadata_modified:2024 TO 2025', /'TO'.*only valid inside a range/);
  fails(t, 'x:[a b]', /Invalid range.*missing 'TO'/);
  fails(t, 'x:[a TO]', /missing upper bound/);
  fails(t, 'x:[TO b]', /missing lower bound/);
  fails(t, 'x:[a TO b TO c]', /more than one 'TO'/);
  fails(t, 'x:[a TO b c]', /exactly one value/);
  fails(t, 'x:[a TO b', /Unterminated range.*missing '\]' or '\}'/);
  fails(t, 'x:[a TO [b]]', /Unexpected '\['/);
  fails(t, '[* TO NOW]', /needs a field/);
  fails(t, 'text:[a TO b]', /needs a field other than the full-text field/);
  fails(t, 'a ]', /Unexpected '\]'.*outside a range/);
  fails(t, 'a }', /Unexpected '\}'/);
  fails(t, 'field:', /Missing value after 'field:'/);
  fails(t, 'field: )', /Missing value after 'field:'/);
  fails(t, 'a:b OR c: AND d', /Missing value after 'c:'/);
  fails(t, 'name: AND x', /Missing value after 'name:'/);
  fails(t, 'name: -x', /Missing value after 'name:'/);
  fails(t, ':x', /Missing field name before ':'/);
  fails(t, '*:x', /only allowed in '\*:\*'/);
  fails(t, 'a\\', /Dangling backslash/);
  fails(t, 'a ^2', /Misplaced '\^'/);
  fails(t, 'a^b', /Misplaced '\^'/);
  fails(t, '~a', /Misplaced '~'/);
  fails(t, `${'('.repeat(500)}a${')'.repeat(500)}`, /nested too deeply/);
});

t.test('long and odd inputs do not overflow', async (t) => {
  const many = Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' OR ');
  const node = parseQuery(many);
  t.equal(node.kind, 'or');
  t.equal((node as { children: QueryNode[] }).children.length, 5000);
  t.same(parseQuery(`${'NOT '.repeat(10001)}a`), minus(word('a')), 'long NOT chains are iterative');
  t.same(parseQuery('\u0000'), word('\u0000'), 'control characters are just characters');
});

t.test('formatQuery round-trips', async (t) => {
  const samples = [
    'a OR b c', '-organization:x', '+capacity:public -organization:org1', 'tags:"du lịch" res_format:CSV',
    'metadata_modified:[2024-05-01T10:20:30.123456Z TO *]', 'name:{a TO "b c"]', 'name:ha-noi*', 'extras_theme:*',
    'a\\:b \\(x\\) \\"y\\"', '\\AND \\-x', 'title:"say \\"hi\\""', 'x:["*" TO "TO"]', 'a OR NOT b', '-*:*',
    'url:http://x.vn/a?b=1', 'name:a*b', 'tags:du\\ lịch', 'extras_a\\:b:c', 'title:""',
  ];
  for (const q of samples) {
    const node = parseQuery(q);
    t.same(parseQuery(formatQuery(node)), node, `${q} → ${formatQuery(node)}`);
  }
});

t.test('normalize', async (t) => {
  t.same(normalize(and(word('a'), and(word('b'), ALL))), and(word('a'), word('b')));
  t.same(normalize(or(word('a'), or(word('b'), word('c')))), or(word('a'), word('b'), word('c')));
  t.same(normalize(not(not(word('a')))), word('a'));
  t.same(normalize(not(word('a'))), minus(word('a')));
  t.same(normalize(or(not(word('a')), word('b'))), or(minus(word('a')), word('b')));
  t.same(normalize(and(ALL)), ALL);
});

t.test('resolveDateMath', async (t) => {
  const now = new Date('2025-03-31T13:45:56.789Z');
  const r = (v: string) => resolveDateMath(v, now);
  t.equal(r('NOW'), '2025-03-31T13:45:56.789000');
  t.equal(r('NOW-1DAY'), '2025-03-30T13:45:56.789000');
  t.equal(r('NOW+2HOURS'), '2025-03-31T15:45:56.789000');
  t.equal(r('NOW/DAY'), '2025-03-31T00:00:00.000000');
  t.equal(r('NOW/DAY+1DAY'), '2025-04-01T00:00:00.000000', 'operations apply in order');
  t.equal(r('NOW+1DAY/DAY'), '2025-04-01T00:00:00.000000');
  t.equal(r('NOW/YEAR'), '2025-01-01T00:00:00.000000');
  t.equal(r('NOW/MONTH'), '2025-03-01T00:00:00.000000');
  t.equal(r('NOW/HOUR'), '2025-03-31T13:00:00.000000');
  t.equal(r('NOW/MINUTE'), '2025-03-31T13:45:00.000000');
  t.equal(r('NOW/SECOND'), '2025-03-31T13:45:56.000000');
  t.equal(r('NOW-1MONTH'), '2025-02-28T13:45:56.789000', 'month arithmetic clamps the day');
  t.equal(r('NOW-13MONTHS'), '2024-02-29T13:45:56.789000', 'leap year');
  t.equal(r('NOW-1YEAR'), '2024-03-31T13:45:56.789000');
  t.equal(r('NOW+30MINUTES-15SECONDS'), '2025-03-31T14:15:41.789000');
  t.equal(r('NOW+1DATE'), '2025-04-01T13:45:56.789000', 'DATE is a synonym of DAY');
  t.equal(r('NOW-789MILLIS'), '2025-03-31T13:45:56.000000');
  t.equal(r('NOW+1MILLISECOND'), '2025-03-31T13:45:56.790000');
  t.equal(r('now-1day'), '2025-03-30T13:45:56.789000', 'case-insensitive');

  t.equal(r('2024-05-01T10:20:30.123456Z'), '2024-05-01T10:20:30.123456', 'microseconds kept exactly');
  t.equal(r('2024-05-01T10:20:30.123455Z'), '2024-05-01T10:20:30.123455');
  t.equal(r('2024-05-01T10:20:30.000001'), '2024-05-01T10:20:30.000001', 'without Z');
  t.equal(r('2024-05-01T10:20:30.1Z'), '2024-05-01T10:20:30.100000');
  t.equal(r('2024-05-01T10:20:30.123456789Z'), '2024-05-01T10:20:30.123456', 'beyond microseconds truncated');
  t.equal(r('2024-05-01T10:20:30Z'), '2024-05-01T10:20:30.000000');
  t.equal(r('2024-05-01T10:20'), '2024-05-01T10:20:00.000000');
  t.equal(r('2024-05-01'), '2024-05-01T00:00:00.000000', 'plain date = midnight');
  t.equal(r('2024-05-01 10:20:30'), '2024-05-01T10:20:30.000000', 'space separator (quoted bounds)');
  t.equal(r('2024-05-01T10:20:30.123456+07:00'), '2024-05-01T03:20:30.123456', 'offset converted to UTC');
  t.equal(r('2024-05-01T01:00:00-0230'), '2024-05-01T03:30:00.000000');
  t.equal(r('2024-01-01T00:00:00Z-1DAY'), '2023-12-31T00:00:00.000000');
  t.equal(r('2024-01-01-1DAY'), '2023-12-31T00:00:00.000000');
  t.equal(r('2024-05-01T10:20:30.123456Z+1SECOND'), '2024-05-01T10:20:31.123456', 'math keeps microseconds');
  t.equal(r('2024-05-01T10:20:30.123456Z-1MILLI'), '2024-05-01T10:20:30.122456');
  t.equal(r('2024-05-01T10:20:30.123456Z/MILLI'), '2024-05-01T10:20:30.123000');
  t.equal(r('2024-05-01T10:00-10DAYS'), '2024-04-21T10:00:00.000000', 'math, not an offset');
  t.equal(r('2024-01-31T00:00:00Z+1MONTH'), '2024-02-29T00:00:00.000000');
  t.equal(r('1999-12-31T23:59:59.999999Z+1MILLI/SECOND'), '2000-01-01T00:00:00.000000', 'carries across years');
  t.equal(r('1969-12-31T23:59:59.999999Z'), '1969-12-31T23:59:59.999999', 'before the epoch');
  t.equal(r('0001-01-01'), '0001-01-01T00:00:00.000000');
  t.equal(r('2024-02-29T12:00:00Z'), '2024-02-29T12:00:00.000000');

  const bad = (v: string, re: RegExp) => t.throws(() => r(v), re, v);
  for (const v of ['', 'yesterday', '2024', '2024-5-1', '2024-13-01', '2024-02-30', '2023-02-29', '2024-05-01T24:00:00Z',
    '2024-05-01T10:60', '2024-05-01T10:20:61Z', '0000-01-01', 'NOW-', 'NOW-DAY', 'NOW 1DAY', '2024-05-01T10:20:30ZZ',
    '2024-05-01T10:20:30+25:00', 'NOW-1DAY;drop']) {
    bad(v, /Invalid date/);
  }
  bad('NOW-1WEEK', /Unknown date math unit 'WEEK'/);
  bad('NOW/FORTNIGHT', /Unknown date math unit/);
  bad('NOW+10000YEARS', /outside years 0001-9999/);
  bad('NOW-99999999999999999999DAYS', /outside years/);
  t.throws(() => r('nope'), QuerySyntaxError);
});
