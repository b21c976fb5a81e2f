// API tokens (issue 11, §6): last_access is written when a token is used (at most once a minute,
// after the answer), and a revoked token is refused from the very next request, although the
// process trusts what it read about a token for a moment.
import t from 'tap';
import { eq } from 'drizzle-orm';
import { startKho, orgWithRoles, type TestKho } from './helpers/kho.js';
import { apiTokens } from '../server/db/schema.js';
import { TOKEN_TRUST_MS } from '../server/auth/users.js';

let k: TestKho;
t.before(async () => { k = await startKho(); });
t.teardown(() => k.close());

const CKAN_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$/;

async function tokensOf(user: string) {
  const res = await k.api('api_token_list', { user_id: user });
  if (res.status !== 200) throw new Error(`api_token_list: ${JSON.stringify(res.body)}`);
  return res.body.result as { id: string; name: string; last_access: string | null; created_at: string }[];
}

/** Asks until `check` holds, for at most `ms`; the write it waits for is not awaited by the request. */
async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (check(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

t.test('last_access: null until the token is used, then when it was used', async (t) => {
  const an = await k.user('an');
  const second = await k.api('api_token_create', { user: 'an', name: 'may-thu-hai' });
  t.equal(second.status, 200);

  const before = await tokensOf('an');
  t.equal(before.length, 2);
  t.same(before.map((x) => x.last_access), [null, null], 'unused tokens have never been used');

  const started = new Date().toISOString().slice(0, 19);
  t.equal((await k.api('user_show', { id: 'an' }, { token: an.token })).status, 200);
  const after = await eventually(() => tokensOf('an'), (list) => list.some((x) => x.last_access !== null));
  const used = after.find((x) => x.name === 'test')!;
  const unused = after.find((x) => x.name === 'may-thu-hai')!;
  t.match(used.last_access, CKAN_TIME, 'the used token has a timestamp, as CKAN shows it');
  t.ok(used.last_access! >= used.created_at, 'not before the token was made');
  t.ok(used.last_access!.slice(0, 19) >= started.slice(0, 19), 'not before the request');
  t.equal(unused.last_access, null, 'the other token is still unused');
});

t.test('a revoked token is refused on the next request, even just after being used', async (t) => {
  const org = await orgWithRoles(k, 'so-tai-chinh');
  const ds = await k.api('package_create', { name: 'ngan-sach-mat', owner_org: 'so-tai-chinh', private: true });
  t.equal(ds.status, 200);
  const made = await k.api('api_token_create', { user: org.member.name, name: 'tam-thoi' }, { token: org.member.token });
  t.equal(made.status, 200);
  const { token, id } = made.body.result;

  // Used twice, so this process has certainly read and remembered it.
  for (let i = 0; i < 2; i++) t.equal((await k.api('package_show', { id: 'ngan-sach-mat' }, { token })).status, 200, 'a member reads it');

  t.equal((await k.api('api_token_revoke', { jti: id }, { token: org.member.token })).status, 200);
  const refused = await k.api('package_show', { id: 'ngan-sach-mat' }, { token });
  t.equal(refused.status, 403, 'refused right after api_token_revoke by id');
  t.equal((await k.api('api_token_list', { user_id: org.member.name }, { token })).status, 403, 'and it is anonymous everywhere');

  // Revoked by the token itself, CKAN's other form.
  const again = (await k.api('api_token_create', { user: org.member.name, name: 'tam-thoi-2' }, { token: org.member.token })).body.result;
  t.equal((await k.api('package_show', { id: 'ngan-sach-mat' }, { token: again.token })).status, 200);
  t.equal((await k.api('api_token_revoke', { token: again.token }, { token: org.member.token })).status, 200);
  t.equal((await k.api('package_show', { id: 'ngan-sach-mat' }, { token: again.token })).status, 403, 'refused right after api_token_revoke by token');

  // The member's own token was never touched.
  t.equal((await k.api('package_show', { id: 'ngan-sach-mat' }, { token: org.member.token })).status, 200);
});

t.test('a token deleted by another process stops working within the trust window', async (t) => {
  const org = await orgWithRoles(k, 'so-noi-vu');
  await k.api('package_create', { name: 'ho-so-mat', owner_org: 'so-noi-vu', private: true });
  const made = (await k.api('api_token_create', { user: org.member.name, name: 'noi-khac' }, { token: org.member.token })).body.result;
  t.equal((await k.api('package_show', { id: 'ho-so-mat' }, { token: made.token })).status, 200);
  // What another Kho process's api_token_revoke does to the shared database; this one is not told.
  await k.kho.database.db.delete(apiTokens).where(eq(apiTokens.id, made.id));
  const status = await eventually(
    async () => (await k.api('package_show', { id: 'ho-so-mat' }, { token: made.token })).status,
    (s) => s === 403, TOKEN_TRUST_MS * 10,
  );
  t.equal(status, 403, `refused once this process stops trusting what it read (at most ${TOKEN_TRUST_MS} ms)`);
});
