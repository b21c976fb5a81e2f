// How many DataStore queries (datastore_search, datastore_search_sql) one process runs at once.
// They are the requests whose cost the caller chooses, so they get a bounded share of the
// database pool, and anonymous callers together a bounded share of that: twelve heavy queries
// can no longer take every pooled connection and stall package_show behind them.
import { ServiceUnavailableError } from '../../core/errors.js';

export type CallerClass = 'anonymous' | 'signed-in' | 'sysadmin';

export interface GateLimits {
  /** queries running at once, all callers together */
  slots: number;
  /** of those, how many anonymous callers may hold */
  anonymousSlots: number;
  /** how long a query waits for a slot before the caller is told to come back */
  waitMs: number;
  /** callers waiting at most; more are turned away at once */
  queue: number;
}

interface Waiter { caller: CallerClass; start: () => void; timer: NodeJS.Timeout }

export class QueryGate {
  private running = 0;
  private anonymousRunning = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly limits: GateLimits) {}

  /** Runs `fn` when a slot is free; a 503 when none frees up in time. */
  async run<T>(caller: CallerClass, fn: () => Promise<T>): Promise<T> {
    await this.enter(caller);
    try {
      return await fn();
    } finally {
      this.leave(caller);
    }
  }

  private fits(caller: CallerClass): boolean {
    return this.running < this.limits.slots && (caller !== 'anonymous' || this.anonymousRunning < this.limits.anonymousSlots);
  }

  private take(caller: CallerClass): void {
    this.running++;
    if (caller === 'anonymous') this.anonymousRunning++;
  }

  private enter(caller: CallerClass): Promise<void> {
    // Whoever is still waiting does not fit (leave() starts every waiter that does), so a caller
    // that fits now jumps no queue.
    if (this.fits(caller)) {
      this.take(caller);
      return Promise.resolve();
    }
    if (this.waiting.length >= this.limits.queue) return Promise.reject(busy());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        caller,
        start: () => { clearTimeout(waiter.timer); this.take(caller); resolve(); },
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(busy());
        }, this.limits.waitMs),
      };
      this.waiting.push(waiter);
    });
  }

  private leave(caller: CallerClass): void {
    this.running--;
    if (caller === 'anonymous') this.anonymousRunning--;
    // First come, first served among those that fit: an anonymous waiter does not hold up a
    // signed-in one when anonymous callers already have their share.
    for (let i = 0; i < this.waiting.length && this.running < this.limits.slots; i++) {
      const w = this.waiting[i]!;
      if (!this.fits(w.caller)) continue;
      this.waiting.splice(i--, 1);
      w.start();
    }
  }
}

function busy(): ServiceUnavailableError {
  return new ServiceUnavailableError('The DataStore is busy with other queries; try again in a few seconds');
}

export function callerClass(user: { sysadmin: boolean } | null): CallerClass {
  return !user ? 'anonymous' : user.sysadmin ? 'sysadmin' : 'signed-in';
}
