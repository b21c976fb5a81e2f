// One process at a time may open an embedded (PGlite) database directory: a second writer would
// corrupt it. The lock is a file created exclusively; a lock left by a dead process is taken over.
import { openSync, writeSync, closeSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

export interface DataDirLock {
  release(): void;
}

export class DataDirBusyError extends Error {
  constructor(readonly dir: string, readonly pid: number, readonly holder: string) {
    super(
      `The embedded database in ${dir} is in use by ${holder} (pid ${pid}). ` +
        `Stop that process first, or point DATABASE_URL at a Postgres server so several processes can share it.`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dir: string, holder: string): DataDirLock {
  const path = join(dir, 'kho.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, holder }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try { unlinkSync(path); } catch { /* already gone */ }
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let info: { pid: number; holder: string } = { pid: 0, holder: 'unknown' };
      try { info = JSON.parse(readFileSync(path, 'utf8')); } catch { /* half-written: treat as stale */ }
      if (info.pid && info.pid !== process.pid && alive(info.pid)) throw new DataDirBusyError(dir, info.pid, info.holder);
      try { unlinkSync(path); } catch { /* raced with another taker */ }
    }
  }
  throw new Error(`Could not lock ${dir}`);
}
