// A promise given a deadline: probes and scrapes must answer even when the database does not.

export class DeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`}`);
    this.name = 'DeadlineError';
  }
}

/** `p`, or a DeadlineError after `ms`; the timer never outlives the race. */
export function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new DeadlineError(ms)), ms); });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
