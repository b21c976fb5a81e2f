// The User-Agent of Kho's outbound requests, so that the sites it fetches from can tell who calls.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };

export const USER_AGENT = `Kho/${pkg.version ?? 'unknown'} (open-data catalog)`;
