import { AbortedError } from './abort';

/** Lets at most `limit` requests run at once; the others wait in arrival order. */
export class RequestQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  /** The waiters of each stopping signal, and the one listener on it. */
  private readonly stoppers = new Map<AbortSignal, { waiters: Set<() => void>; onStop: () => void }>();

  constructor(private readonly limit: number) {}

  /**
   * Resolves with a release function once a slot is free; rejects if `signal` or `stopping` aborts first.
   * `first` puts the request ahead of those waiting (one that had a slot before).
   */
  acquire(signal?: AbortSignal, first = false, stopping?: AbortSignal): Promise<() => void> {
    if (signal?.aborted || stopping?.aborted) return Promise.reject(new AbortedError());
    if (this.running < this.limit) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const leave = (): void => {
        signal?.removeEventListener('abort', cancel);
        if (stopping) this.stopped(stopping, cancel, false);
      };
      const grant = (): void => {
        leave();
        this.running++;
        resolve(this.releaser());
      };
      const cancel = (): void => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        leave();
        reject(new AbortedError());
      };
      signal?.addEventListener('abort', cancel, { once: true });
      if (stopping) this.stopped(stopping, cancel, true);
      if (first) this.waiting.unshift(grant);
      else this.waiting.push(grant);
    });
  }

  /**
   * Adds (or removes) `cancel` to the waiters that a node's `stopping` ends. One listener per
   * signal, not one per waiter: a busy node has thousands waiting on the same signal.
   */
  private stopped(stopping: AbortSignal, cancel: () => void, add: boolean): void {
    let entry = this.stoppers.get(stopping);
    if (add) {
      if (!entry) {
        const waiters = new Set<() => void>();
        const onStop = (): void => {
          this.stoppers.delete(stopping);
          for (const waiter of [...waiters]) waiter();
        };
        entry = { waiters, onStop };
        this.stoppers.set(stopping, entry);
        stopping.addEventListener('abort', onStop, { once: true });
      }
      entry.waiters.add(cancel);
      return;
    }
    if (!entry?.waiters.delete(cancel) || entry.waiters.size > 0) return;
    // The last waiter left: the signal is not listened to any more.
    this.stoppers.delete(stopping);
    stopping.removeEventListener('abort', entry.onStop);
  }

  get size(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      const next = this.waiting.shift();
      if (next) next();
    };
  }
}
