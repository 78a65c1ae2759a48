import type { Span } from './span.js';

/**
 * Something a stage has to say about one input, with a place in it when it has one.
 * `fatal: true` means the input produced no article; warnings keep the article.
 */
export interface Message {
  readonly ruleId: string;
  readonly reason: string;
  readonly place?: Span;
  readonly fatal: boolean;
}

export const Message = {
  create(ruleId: string, reason: string, options: { place?: Span; fatal?: boolean } = {}): Message {
    const m: Message = { ruleId, reason, fatal: options.fatal ?? false, ...(options.place ? { place: options.place } : {}) };
    return Object.freeze(m);
  },
};
