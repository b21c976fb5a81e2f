// Loads the demo catalog (demo/catalog.json and the files in demo/files/) into a fresh catalog by
// running CKAN actions as a sysadmin, exactly as a client of the Action API would.
import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Upload { filename: string; stream: import('node:stream').Readable; mimetype?: string }
export interface KhoCaller { call<T = any>(action: string, data: Record<string, unknown>, opts?: { user?: string | null }): Promise<T>; }

interface DemoResource {
  name: string;
  description?: string;
  format?: string;
  /** a file in demo/files/, uploaded with resource_create */
  file?: string;
  /** or a link, created inline with the dataset */
  url?: string;
}

interface DemoDataset extends Record<string, unknown> {
  name: string;
  resources: DemoResource[];
}

interface DemoCatalog {
  organizations: Record<string, unknown>[];
  groups: Record<string, unknown>[];
  users: { name: string; memberships: { organization: string; capacity: 'admin' | 'editor' | 'member' }[]; [k: string]: unknown }[];
  datasets: DemoDataset[];
}

const DEMO_DIR = new URL('./demo/', import.meta.url);
const FILES_DIR = fileURLToPath(new URL('./demo/files/', import.meta.url));

const MIMETYPES: Record<string, string> = {
  CSV: 'text/csv',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function linkFields({ name, description, format, url }: DemoResource) {
  return { name, description, format, url };
}

export function readDemoCatalog(): DemoCatalog {
  return JSON.parse(readFileSync(fileURLToPath(new URL('catalog.json', DEMO_DIR)), 'utf8')) as DemoCatalog;
}

export async function loadDemo(
  kho: KhoCaller,
  opts: { sysadmin: string; log?: (msg: string) => void },
): Promise<{ organizations: number; groups: number; datasets: number; resources: number }> {
  const as = { user: opts.sysadmin };
  const log = opts.log ?? (() => {});
  const catalog = readDemoCatalog();

  for (const org of catalog.organizations) {
    await kho.call('organization_create', org, as);
    log(`organization ${org.name}`);
  }
  for (const group of catalog.groups) {
    await kho.call('group_create', group, as);
    log(`group ${group.name}`);
  }
  for (const { memberships, ...user } of catalog.users) {
    await kho.call('user_create', user, as);
    for (const m of memberships) {
      await kho.call('organization_member_create', { id: m.organization, username: user.name, role: m.capacity }, as);
    }
    log(`user ${user.name} (${memberships.map((m) => `${m.capacity} of ${m.organization}`).join(', ')})`);
  }

  let resources = 0;
  for (const { resources: demoResources, ...dataset } of catalog.datasets) {
    // Links that come before the first file go inline; the rest are added in catalog order, so
    // the resource list reads as written (the data file usually first, then API and documents).
    const firstFile = demoResources.findIndex((r) => r.file);
    const inline = firstFile === -1 ? demoResources : demoResources.slice(0, firstFile);
    const pkg = await kho.call<{ id: string }>('package_create', { ...dataset, resources: inline.map(linkFields) }, as);
    resources += inline.length;
    for (const r of demoResources.slice(inline.length)) {
      if (r.file) {
        const upload: Upload = {
          filename: r.file,
          stream: createReadStream(FILES_DIR + r.file),
          mimetype: MIMETYPES[String(r.format).toUpperCase()],
        };
        await kho.call('resource_create', { package_id: pkg.id, name: r.name, description: r.description, format: r.format, upload }, as);
      } else {
        await kho.call('resource_create', { package_id: pkg.id, ...linkFields(r) }, as);
      }
      resources++;
    }
    log(`dataset ${dataset.name} (${demoResources.length} resources)`);
  }

  return {
    organizations: catalog.organizations.length,
    groups: catalog.groups.length,
    datasets: catalog.datasets.length,
    resources,
  };
}
