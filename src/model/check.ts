/**
 * What cross-checking a story finds (src/crosscheck). Every text shown points at spans that exist
 * in an article: claims, labels, loaded words and brief sentences carry article ids and offsets
 * into those articles' texts.
 */

/** A place in one article's text. */
export interface TextRef {
  readonly articleId: string;
  readonly start: number;
  readonly end: number;
}

export interface ClaimMention extends TextRef {
  /** Whom the article attributes the statement to ("Hulusi Akar", "Middle East Eye"), or null for its own voice. */
  readonly attributedTo: string | null;
  /** When the mention is one clause of a longer sentence: the whole sentence (else null). */
  readonly sentence?: { readonly start: number; readonly end: number } | null;
  /** The article passes it on without standing behind it ("reportedly", "allegedly"). */
  readonly hearsay?: boolean;
}

/** Articles that count as one origin of a claim, and what joins them (none for an origin of one article). */
export interface OriginGroup {
  readonly articleIds: readonly string[];
  /** "001 rewrites 000's passage", "002 and 004 both credit Reuters", "a and b are one outlet". */
  readonly joinedBy: readonly string[];
}

export type ConflictKind = 'denial' | 'numbers' | 'opposite' | 'change';

export interface ClaimConflict {
  /** The other claim. */
  readonly claimId: string;
  readonly kind: ConflictKind;
  /** Both sides in a line, with who says what and when. */
  readonly note: string;
  /** This claim's side: `denies` / `denied`, `earlier` / `later` (a change), or `side` (opposite, numbers). */
  readonly role?: 'denies' | 'denied' | 'earlier' | 'later' | 'side';
}

/**
 * What a claim's verdict can be. Precision first: `corroborated` needs at least two independent
 * origins stating the same thing and no mention in conflict with another.
 */
export type ClaimStatus = 'corroborated' | 'single-origin' | 'reported' | 'contested' | 'changed';

/** Every status, in the order reports list them, with the one line that explains it wherever it is shown. */
export const CLAIM_STATUSES: Readonly<Record<ClaimStatus, { readonly label: string; readonly means: string }>> = Object.freeze({
  corroborated: { label: 'corroborated', means: 'stated by two or more independent origins (different outlets, no copied passage between them, no common credited source), and no report contradicts it' },
  'single-origin': { label: 'single origin', means: 'however many articles carry it, they all go back to one origin: one outlet, one copied passage, or one credited source' },
  reported: { label: 'reported only', means: 'every source only reports or hedges it ("reportedly", "according to rumors"); no one states it as fact' },
  contested: { label: 'contested', means: 'reports disagree: a denial, a negation, an opposite statement or different figures for the same thing at the same time' },
  changed: { label: 'changed', means: 'a plan or possibility later reported settled otherwise; both sides are shown with their dates' },
});

export interface ClaimRecord {
  readonly id: string;
  /** The statement, as one of its mentions words it (exactly that mention's text). */
  readonly text: string;
  readonly mentions: readonly ClaimMention[];
  /** Number of articles that carry it. */
  readonly articles: number;
  /** Articles that copy each other, credit one upstream source or come from one outlet count once. */
  readonly independentOrigins: number;
  /** The origins, each with what joins its articles. */
  readonly origins?: readonly OriginGroup[];
  readonly status: ClaimStatus;
  /** One line: why this claim has its status (which origins, what folds into one). */
  readonly why?: string;
  readonly conflicts: readonly ClaimConflict[];
  /** Calendar day (or month) the statement is about, when it names one. */
  readonly date: string | null;
}

export interface LabelRecord {
  /** `state:syria`, `armed-opposition:syria`, or an entity ref (`person:recep-tayyip-erdogan`). */
  readonly ref: string;
  /** Readable name of the actor: "Syria — state and its forces". */
  readonly name: string;
  /** Words each article uses for the actor in its own voice. */
  readonly byArticle: Readonly<Record<string, readonly string[]>>;
  /** Words for the actor inside quotations, by article (the speakers', not the outlet's). */
  readonly quotedByArticle: Readonly<Record<string, readonly string[]>>;
  /** Every occurrence, for highlighting. */
  readonly spans: readonly (TextRef & { readonly label: string; readonly tone: string; readonly quoted: boolean })[];
}

export interface LoadedRecord extends TextRef {
  readonly text: string;
  /** Inside quotation marks: the speaker's word, not the outlet's. */
  readonly quoted: boolean;
  /** sensational, label, intensifier, editorializing, puffery, saying. */
  readonly category: string;
}

export type SpeakerRole = 'official' | 'expert' | 'anonymous' | 'witness' | 'outlet' | 'other';

export interface QuotedSource {
  readonly articleId: string;
  readonly speaker: string;
  readonly role: SpeakerRole;
  /** The country or side the speaker stands for, as a ref (`place:turkey`), when the words say it. */
  readonly side: string | null;
  readonly quotes: number;
}

export interface ArticleFraming {
  readonly articleId: string;
  readonly kind: 'news' | 'opinion' | 'unknown';
  readonly loadedOwnVoice: number;
  readonly loadedQuoted: number;
  readonly hedges: number;
  /** Sentences that speculate (a hedge or a modal) without crediting anyone. */
  readonly speculation: readonly TextRef[];
  readonly quoted: readonly QuotedSource[];
}

export interface TimelineEntry {
  readonly date: string;
  readonly text: string;
  readonly articleIds: readonly string[];
  readonly claimId: string;
}

export type BriefSection = 'summary' | 'agreed' | 'single-origin' | 'contested' | 'framing';

export interface BriefSentence {
  readonly text: string;
  readonly articleIds: readonly string[];
  readonly section: BriefSection;
  /** The spans the sentence is made of: every quoted or extracted piece of it stands in one. */
  readonly spans: readonly TextRef[];
}

export interface StoryCheck {
  readonly claims: readonly ClaimRecord[];
  readonly labels: readonly LabelRecord[];
  readonly loaded: readonly LoadedRecord[];
  readonly framing: readonly ArticleFraming[];
  readonly timeline: readonly TimelineEntry[];
  readonly brief: readonly BriefSentence[];
}
