import { isActorLabel } from '../report/check-view.js';
import { addCount } from '../util/maps.js';
import type { StoreBackend } from '../store/backend.js';
import type { OutletSummary } from '../store/browse.js';
import type { StoryBook } from './book.js';
import { wordCount } from '../util/words.js';

/** How one outlet reports, across its most recent stories (each cross-checked with the other outlets of that story). */
export interface OutletProfile extends OutletSummary {
  /** Stories looked at (the most recent ones, at most `maxStories`). */
  readonly storiesExamined: number;
  /** Per actor: the words the outlet uses for it in its own voice and inside quotations, with counts. */
  readonly labels: readonly { readonly actor: string; readonly own: readonly [string, number][]; readonly quoted: readonly [string, number][] }[];
  /** Loaded words in the outlet's own voice per 1,000 words, and the other outlets' rate in the same stories. */
  readonly loaded: { readonly ownVoice: number; readonly quoted: number; readonly words: number; readonly perThousand: number; readonly othersPerThousand: number | null; readonly othersOwnVoice: number; readonly othersWords: number; readonly top: readonly [string, number][] };
  /** Whom it quotes, by role (official, expert, anonymous, ...). */
  readonly quotedRoles: readonly [string, number][];
  readonly recent: readonly { readonly id: string; readonly title: string; readonly lastPublished: string | null; readonly articles: number }[];
}

const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

export async function outletProfile(store: StoreBackend, book: StoryBook, outlet: string, maxStories = 30): Promise<OutletProfile | null> {
  const base = await store.getOutlet(outlet);
  if (!base) return null;
  const labels = new Map<string, { own: Map<string, number>; quoted: Map<string, number> }>();
  const top = new Map<string, number>();
  const roles = new Map<string, number>();
  let own = 0;
  let quoted = 0;
  let mine = 0;
  let othersLoaded = 0;
  let othersWords = 0;
  const recent: OutletProfile['recent'][number][] = [];
  for (const id of await store.outletStories(outlet, maxStories)) {
    const s = await book.get(id);
    if (!s?.story.check) continue;
    recent.push({ id, title: s.story.title, lastPublished: s.meta.lastPublished, articles: s.meta.articleCount });
    const ours = new Set(s.articles.filter((a) => a.meta.outlet === outlet).map((a) => a.id));
    for (const a of s.articles) {
      if (ours.has(a.id)) mine += wordCount(a.text);
      else othersWords += wordCount(a.text);
    }
    const check = s.story.check;
    for (const l of check.labels) {
      if (!isActorLabel(l)) continue;
      for (const id of ours) {
        const entry = labels.get(l.name) ?? { own: new Map(), quoted: new Map() };
        for (const w of l.byArticle[id] ?? []) addCount(entry.own, w.toLowerCase());
        for (const w of l.quotedByArticle[id] ?? []) addCount(entry.quoted, w.toLowerCase());
        if (entry.own.size || entry.quoted.size) labels.set(l.name, entry);
      }
    }
    for (const l of check.loaded) {
      if (!ours.has(l.articleId)) {
        if (!l.quoted) othersLoaded++;
        continue;
      }
      if (l.quoted) quoted++;
      else {
        own++;
        addCount(top, l.text.toLowerCase());
      }
    }
    for (const f of check.framing) {
      if (!ours.has(f.articleId)) continue;
      for (const q of f.quoted) addCount(roles, q.role, q.quotes);
    }
  }
  const per = (n: number, w: number) => (w ? Math.round((n / w) * 10000) / 10 : 0);
  return {
    ...base,
    storiesExamined: recent.length,
    labels: [...labels.entries()].map(([actor, e]) => ({ actor, own: sorted(e.own), quoted: sorted(e.quoted) })).sort((a, b) => b.own.length + b.quoted.length - (a.own.length + a.quoted.length) || a.actor.localeCompare(b.actor)),
    loaded: { ownVoice: own, quoted, words: mine, perThousand: per(own, mine), othersPerThousand: othersWords ? per(othersLoaded, othersWords) : null, othersOwnVoice: othersLoaded, othersWords, top: sorted(top).slice(0, 15) },
    quotedRoles: sorted(roles),
    recent,
  };
}
