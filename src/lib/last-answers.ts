/** The most task ids "only new" keeps over all the requests of one node (README, "Nodes"). */
export const MAX_KEPT_IDS = 100000;

/**
 * What "only new" remembers (README, "Nodes"): the ids of the last answer to each request, at
 * most `limit` ids over all requests; when more would be kept, the least recently used request
 * is forgotten first. Nothing else is kept.
 */
export class LastAnswers {
  private readonly answers = new Map<string, Set<string>>();
  private kept = 0;

  constructor(private readonly limit = MAX_KEPT_IDS) {}

  /** Which of `ids` were not in the last answer to `request`; `ids` become that request's last answer. */
  newOf(request: string, ids: readonly string[]): boolean[] {
    const before = this.answers.get(request);
    const fresh = ids.map((id) => !before?.has(id));
    // Deleted and set again: a Map keeps insertion order, so the first key is the least recently used.
    this.forget(request);
    const answer = new Set(ids);
    this.answers.set(request, answer);
    this.kept += answer.size;
    while (this.kept > this.limit && this.answers.size > 1) this.forget(this.answers.keys().next().value as string);
    return fresh;
  }

  /** How many requests are remembered. */
  get size(): number {
    return this.answers.size;
  }

  /** How many task ids are kept over all requests. */
  get ids(): number {
    return this.kept;
  }

  private forget(request: string): void {
    const answer = this.answers.get(request);
    if (!answer) return;
    this.kept -= answer.size;
    this.answers.delete(request);
  }
}
