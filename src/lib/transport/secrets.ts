/**
 * The texts that must never be shown (passwords, tokens, their encoded forms): what a server
 * sends back is searched for them before it reaches a message.
 */
export class Secrets {
  // An ES private field: never enumerated, so a dump of a node shows none of them.
  readonly #texts: string[];

  constructor(texts: readonly string[]) {
    this.#texts = texts.filter((text) => text !== '');
  }

  add(text: string): void {
    if (text !== '') this.#texts.push(text);
  }

  /** `text` with every secret replaced by `***`. */
  redact(text: string): string {
    let result = text;
    for (const secret of this.#texts) result = result.split(secret).join('***');
    return result;
  }

  /** The same for every string inside a server's error object. */
  redactValue(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item));
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactValue(item)]));
  }
}
