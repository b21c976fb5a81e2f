// Loads the demo catalog through the action registry, as a sysadmin would through the API.
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { organizations, groups, users, datasets } from './demo/catalog.js';

export interface Upload { filename: string; stream: Readable; mimetype?: string }
export interface KhoCaller {
  call<T = any>(action: string, data: Record<string, unknown>, opts?: { user?: string | null }): Promise<T>;
}

const filesDir = fileURLToPath(new URL('./demo/files/', import.meta.url));

export async function loadDemo(kho: KhoCaller, opts: { sysadmin: string; log?: (msg: string) => void }) {
  const as = { user: opts.sysadmin };
  const log = opts.log ?? (() => {});
  for (const org of organizations) await kho.call('organization_create', { ...org, image_url: '' }, as);
  for (const g of groups) await kho.call('group_create', g, as);
  for (const u of users) {
    const { memberships, ...fields } = u;
    await kho.call('user_create', fields, as);
    for (const m of memberships) await kho.call('organization_member_create', { id: m.organization, username: u.name, role: m.capacity }, as);
  }
  let resources = 0;
  for (const d of datasets) {
    const org = organizations.find((o) => o.name === d.org)!;
    const pkg = await kho.call('package_create', {
      name: d.name,
      title: d.title,
      notes: d.notes,
      owner_org: d.org,
      license_id: d.license_id,
      private: d.private ?? false,
      author: org.title,
      maintainer: `Đầu mối dữ liệu - ${org.title}`,
      maintainer_email: `dulieu@${d.org.replace(/-/g, '')}.thuathienhue.gov.vn`,
      version: '1.0',
      tags: d.tags.map((name) => ({ name })),
      groups: d.groups.map((name) => ({ name })),
      extras: [
        { key: 'spatial_text', value: 'Thừa Thiên Huế' },
        ...(d.frequency ? [{ key: 'update_frequency', value: d.frequency }] : []),
      ],
      resources: d.resources.filter((r) => r.url).map((r) => ({ name: r.name, description: r.description, format: r.format, url: r.url })),
    }, as);
    for (const r of d.resources.filter((x) => x.file)) {
      const upload: Upload = { filename: r.file!, stream: createReadStream(`${filesDir}${r.file}`) };
      await kho.call('resource_create', { package_id: pkg.id, name: r.name, description: r.description, format: r.format, upload }, as);
      resources++;
    }
    resources += d.resources.filter((r) => r.url).length;
    log(`dataset ${d.name}`);
  }
  return { organizations: organizations.length, groups: groups.length, datasets: datasets.length, resources };
}
