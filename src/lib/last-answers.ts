/**
 * What "only new" remembers (README, "Nodes"): the ids of the last answer to each request, for
 * at most `limit` requests, the least recently used forgotten first. Nothing else is kept.
 */
export class LastAnswers {
  private readonly answers = new Map<string, Set<string>>();

  constructor(private readonly limit = 1000) {}

  /** Which of `ids` were not in the last answer to `request`; `ids` become that request's last answer. */
  newOf(request: string, ids: readonly string[]): boolean[] {
    const before = this.answers.get(request);
    // Deleted and set again: a Map keeps insertion order, so the first key is the least recently used.
    this.answers.delete(request);
    this.answers.set(request, new Set(ids));
    if (this.answers.size > this.limit) this.answers.delete(this.answers.keys().next().value as string);
    return ids.map((id) => !before?.has(id));
  }

  get size(): number {
    return this.answers.size;
  }
}
