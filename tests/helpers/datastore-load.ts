// Uploading a file as a new resource and waiting for its DataStore load, as the load tests do.
import type { TestKho } from './kho.js';

export function loadHelpers(k: TestKho, packageId: string) {
  async function upload(name: string, bytes: Buffer, extra: Record<string, string> = {}) {
    const form = new FormData();
    form.append('package_id', packageId);
    for (const [key, value] of Object.entries(extra)) form.append(key, value);
    form.append('upload', new Blob([new Uint8Array(bytes)]), name);
    const res = await fetch(`${k.url}/api/action/resource_create`, { method: 'POST', headers: { Authorization: k.sysadmin.token }, body: form });
    const body = await res.json() as any;
    if (res.status !== 200) throw new Error(JSON.stringify(body));
    return body.result.id as string;
  }

  /** Waits for the resource's load to finish; its final status. */
  async function loaded(id: string) {
    for (let i = 0; i < 400; i++) {
      await k.kho.jobs!.runPending();
      const s = await k.api('xloader_status', { resource_id: id });
      if (s.status === 200 && ['complete', 'error'].includes(s.body.result.status)) return s.body.result;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`load did not finish: ${JSON.stringify((await k.api('xloader_status', { resource_id: id })).body)}`);
  }

  const search = async (id: string, params: Record<string, unknown> = {}) => (await k.api('datastore_search', { resource_id: id, ...params })).body.result;

  return { upload, loaded, search };
}
