// What the kho command says when something it expected goes wrong: one line, no stack. Only a
// fault nobody foresaw (a bug) shows its stack.
import { KhoConfigError } from '../config.js';
import { DataDirBusyError } from '../db/data-dir-lock.js';
import { ActionError, ValidationError } from '../core/errors.js';

/** The command line was wrong: the message, then the usage of the command meant (exit 2). */
export class UsageError extends Error {
  constructor(message: string, readonly usage: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An expected failure with a message for the operator (exit 1 unless another code is given). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}

/** The line to print and the exit code, for any error the command ends with. */
export function explain(err: unknown): { message: string; exitCode: number; usage?: string } {
  if (err instanceof UsageError) return { message: err.message, exitCode: 2, usage: err.usage };
  if (err instanceof CliError) return { message: err.message, exitCode: err.exitCode };
  if (err instanceof DataDirBusyError) return { message: err.message, exitCode: 3 };
  // By name: db/database.ts (and the driver it loads) is not loaded for help and usage errors.
  if (err instanceof KhoConfigError || (err instanceof Error && err.name === 'DatabaseConnectError')) return { message: err.message, exitCode: 1 };
  if (err instanceof ValidationError) return { message: `${err.type}: ${fieldErrors(err.fields)}`, exitCode: 1 };
  if (err instanceof ActionError) return { message: `${err.type}: ${err.message}`, exitCode: 1 };
  const e = err as { stack?: string } | null;
  return { message: `unexpected error (please report it): ${e?.stack ?? String(err)}`, exitCode: 1 };
}

/** `email: Email is not valid; password: too short` from CKAN's per-field error lists. */
function fieldErrors(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .map(([field, problems]) => `${field}: ${Array.isArray(problems) ? problems.join(', ') : typeof problems === 'string' ? problems : JSON.stringify(problems)}`)
    .join('; ');
}
