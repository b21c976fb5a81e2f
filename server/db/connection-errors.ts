// Database failures that mean "the database cannot be reached", whichever driver reported them:
// the one list the start-up check, /readyz and the API's 503 all read.

const CONNECT_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  CONNECTION_ENDED: 'the connection was closed',
  CONNECTION_CLOSED: 'the connection was closed',
  CONNECTION_DESTROYED: 'the connection was closed',
};

/**
 * What a database failure says to an operator, in a few words: "connection refused", "timed out
 * after 5 s", or the server's own message ("password authentication failed for user …").
 */
export function describeDbError(err: unknown, timeoutS?: number): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string } } | null;
  const code = e?.code ?? e?.cause?.code;
  if (code === 'CONNECT_TIMEOUT') return `timed out after ${timeoutS ?? '?'} s (DATABASE_CONNECT_TIMEOUT)`;
  if (code && CONNECT_REASONS[code]) return CONNECT_REASONS[code];
  return String(e?.message ?? err).split('\n')[0];
}

/** Postgres's "the server is shutting down or starting" codes; class 08 is every connection exception. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03']);

/** True for a failure to reach or keep the database connection (not for a bad query). */
export function isConnectionFailure(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  if (typeof code !== 'string') return false;
  return code in CONNECT_REASONS || code === 'CONNECT_TIMEOUT' || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08');
}
