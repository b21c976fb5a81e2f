// Runs a Python client script beside the in-process server (asynchronously: the server answers
// from this same event loop), with ckanapi importable from KHO_CKANAPI_PYTHONPATH.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const python = process.env.KHO_PYTHON ?? '/usr/bin/python3';
// The project lead's copy of the real client sits beside the checkout (../shared/clients/ckanapi).
const besideCheckout = fileURLToPath(new URL('../../../shared/clients/ckanapi', import.meta.url));
const pythonPath = process.env.KHO_CKANAPI_PYTHONPATH ?? (existsSync(besideCheckout) ? besideCheckout : '');

/**
 * CI sets KHO_REQUIRE_CKANAPI=1 (.ci/run): there the real client must run, so a missing one is a
 * failure; elsewhere its tests are skipped with the reason printed.
 */
export const ckanapiRequired = /^(1|true|yes)$/i.test(process.env.KHO_REQUIRE_CKANAPI ?? '');

/** null when ckanapi can be imported; else why not. */
export function ckanapiMissing(): string | null {
  const probe = spawnSync(python, ['-c', 'import ckanapi, requests'], { env: { ...process.env, PYTHONPATH: pythonPath }, encoding: 'utf8' });
  if (probe.status === 0) return null;
  return `the Python ckanapi client is not importable here (${python}; set KHO_CKANAPI_PYTHONPATH). ${probe.stderr?.split('\n').filter(Boolean).pop() ?? ''}`;
}

export function runPythonClient(script: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(python, [script, ...args], { env: { ...process.env, PYTHONPATH: pythonPath } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
