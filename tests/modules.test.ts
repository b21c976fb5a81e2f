// The module seam: the DataStore is a module, Kho runs without it, status_show names exactly
// the enabled modules, and a module can add actions and routes, wrap an existing action and
// subscribe to dataset writes inside their transaction.
import t from 'tap';
import { sql } from 'drizzle-orm';
import { startKho, orgWithRoles } from './helpers/kho.js';
import { bootKho } from '../server/boot.js';
import { availableModules } from '../server/modules/index.js';
import type { KhoModule } from '../server/core/module.js';
import { ValidationError } from '../server/core/errors.js';

const rowsOf = (r: any): any[] => (Array.isArray(r) ? r : r.rows);

t.test('by default every module there is runs, and status_show names them', async (t) => {
  const k = await startKho();
  t.teardown(() => k.close());
  const status = (await k.api('status_show', {}, { method: 'GET' })).body.result;
  t.same(status.extensions, availableModules.map((m) => m.name));
  t.ok(status.extensions.includes('datastore'));
  t.ok(status.extensions.includes('dcat'), 'the DCAT module is there');
  t.notOk(status.extensions.includes('harvest'));
  t.ok(k.kho.actions.get('datastore_search'), 'the DataStore module registered its actions');
});

t.test('KHO_MODULES without the DataStore: the catalog works, the DataStore is not there', async (t) => {
  const k = await startKho({ env: { KHO_MODULES: '', KHO_DATASTORE_AUTOLOAD: '1' } });
  t.teardown(() => k.close());
  const status = (await k.api('status_show', {}, { method: 'GET' })).body.result;
  t.same(status.extensions, []);

  // Its actions are unknown, as CKAN answers for an action no plugin registers.
  const search = await k.api('datastore_search', { resource_id: 'x' });
  t.equal(search.status, 400);
  t.match(String(search.body), /Action name not known: datastore_search/);
  t.notOk(k.kho.actions.list().some((a) => a.name.startsWith('datastore_') || a.name.startsWith('xloader_')));

  // The catalog itself: create, search, show, update, delete a resource, purge.
  const org = await orgWithRoles(k, 'no-ds');
  const made = await k.api('package_create', {
    name: 'khong-datastore', owner_org: org.name, resources: [{ url: 'http://example.vn/so-lieu.csv', format: 'CSV' }],
  }, { token: org.editor.token });
  t.equal(made.status, 200);
  const rid = made.body.result.resources[0].id;
  const found = await k.api('package_search', { q: 'khong-datastore' }, { method: 'GET' });
  t.equal(found.body.result.count, 1);
  const upd = await k.api('package_patch', { id: 'khong-datastore', notes: 'đổi' }, { token: org.editor.token });
  t.equal(upd.status, 200);

  // No job was queued for the CSV: nobody runs DataStore loads here.
  const jobs = rowsOf(await k.kho.database.db.execute(sql`select count(*)::int as n from jobs`));
  t.equal(jobs[0].n, 0, 'no background load queued without the DataStore');
  t.notOk(k.kho.jobs && k.kho.jobs.slots('datastore_load') > 1, 'no DataStore job kind registered');

  // Its routes are not there either.
  const dump = await fetch(`${k.url}/datastore/dump/${rid}`);
  t.equal(dump.status, 404);
  const exp = await fetch(`${k.url}/dataset/khong-datastore/resource/${rid}/export/x.csv`);
  t.equal(exp.status, 404);

  const del = await k.api('resource_delete', { id: rid }, { token: org.editor.token });
  t.equal(del.status, 200);
  const purge = await k.api('dataset_purge', { id: 'khong-datastore' });
  t.equal(purge.status, 200);
});

t.test('a misnamed module stops the start with one line naming KHO_MODULES', async (t) => {
  await t.rejects(bootKho({ env: { ...process.env, KHO_MODULES: 'datastore,harvest', DATABASE_URL: '' }, inMemory: true }),
    /KHO_MODULES names "harvest", which is not a module here/);
});

t.test('a module adds an action and a route, wraps an action and subscribes to writes', async (t) => {
  const seen: string[] = [];
  const probe: KhoModule = {
    name: 'probe',
    description: 'exercises the seam in tests',
    actions: [{
      name: 'probe_echo', read: true, auth: { publicRead: true },
      async handler(_ctx, data) {
        return { echoed: data.text ?? null };
      },
    }],
    wraps: [{
      name: 'package_update',
      // As the approval workflow will: look at the call, then hand it on.
      wrap: (next) => async (ctx, data) => {
        if (data.notes === 'từ chối') throw new ValidationError({ notes: ['refused by the probe module'] });
        return next(ctx, data);
      },
    }],
    hooks: {
      async beforeDatasetWrite({ data }) {
        return { ...data, tags: [...(Array.isArray(data.tags) ? data.tags : []), { name: 'qua-module' }] };
      },
      async afterDatasetWrite({ tx, after, mode }) {
        seen.push(`${mode} ${after.name}`);
        // In the write's transaction: a failure here undoes the write.
        if (after.title === 'hỏng') {
          await tx.execute(sql`select 1`);
          throw new Error('the probe subscriber failed');
        }
      },
    },
    routes(app) {
      app.get('/probe', async () => ({ probe: true }));
    },
  };
  const { datastoreModule } = await import('../server/modules/datastore/index.js');
  const k = await startKho({ modules: [datastoreModule, probe] });
  t.teardown(() => k.close());

  const status = (await k.api('status_show', {}, { method: 'GET' })).body.result;
  t.same(status.extensions, ['datastore', 'probe']);
  const echo = await k.api('probe_echo', { text: 'xin chào' }, { method: 'GET' });
  t.same(echo.body.result, { echoed: 'xin chào' });
  t.same(await (await fetch(`${k.url}/probe`)).json(), { probe: true });

  const org = await orgWithRoles(k, 'probe-org');
  const made = await k.api('package_create', { name: 'qua-hook', owner_org: org.name }, { token: org.editor.token });
  t.equal(made.status, 200);
  t.same(made.body.result.tags.map((x: any) => x.name), ['qua-module'], 'beforeDatasetWrite changed the input');
  t.same(seen, ['create qua-hook']);

  const refused = await k.api('package_update', { id: 'qua-hook', owner_org: org.name, notes: 'từ chối' }, { token: org.editor.token });
  t.equal(refused.status, 409);
  t.same(refused.body.error.notes, ['refused by the probe module']);
  const passed = await k.api('package_update', { id: 'qua-hook', owner_org: org.name, notes: 'được' }, { token: org.editor.token });
  t.equal(passed.status, 200);
  t.equal(passed.body.result.notes, 'được');

  // A subscriber that fails rolls the whole write back.
  const broken = await k.api('package_patch', { id: 'qua-hook', title: 'hỏng' }, { token: org.editor.token });
  t.equal(broken.status, 500);
  const shown = await k.api('package_show', { id: 'qua-hook' }, { method: 'GET' });
  t.not(shown.body.result.title, 'hỏng', 'nothing of the failed write remains');
});
