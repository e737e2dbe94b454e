import { AbortedError } from './abort';

/** Lets at most `limit` requests run at once; the others wait in arrival order. */
export class RequestQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

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
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        stopping?.removeEventListener('abort', onAbort);
        this.running++;
        resolve(this.releaser());
      };
      const onAbort = (): void => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        signal?.removeEventListener('abort', onAbort);
        stopping?.removeEventListener('abort', onAbort);
        reject(new AbortedError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      stopping?.addEventListener('abort', onAbort, { once: true });
      if (first) this.waiting.unshift(grant);
      else this.waiting.push(grant);
    });
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
