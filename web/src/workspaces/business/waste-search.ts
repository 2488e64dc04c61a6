/**
 * Searching the European List of Waste as the API serves it (GET /taxonomy/waste-codes: code, and
 * the description in English and in bokmål): by code or code prefix, or by words of either
 * language (`betong` and `concrete` both find 17 01 01). A compound also finds what holds its
 * parts (`gipsavfall`: `gips`), leaving out the word for waste itself, and a few everyday words
 * the list does not use stand for the words it does (`asfalt`: `bitumen`). Entries holding a typed
 * word as a whole word come first (`tre`, wood, before `treatment`). When nothing matches,
 * "did you mean" offers the codes one digit away, or the words of the list closest to each typed
 * word (Levenshtein distance, at most one edit for short words and two for longer ones; a tie goes
 * to the UI language). Pure, so it is tested without a browser.
 */

export interface WasteCode {
  code: string;
  description: string;
  /** The project's own bokmål rendering of the description. */
  descriptionNb: string;
  hazardous: boolean;
}

export interface WasteSearch {
  matches: WasteCode[];
  /** Corrected queries to offer when nothing matched (codes or words). */
  didYouMean: string[];
}

/**
 * Everyday words the list does not use, and what it says instead: each phrase's words must all
 * appear (`avløpsslam`: sludge of urban waste water, or septic tanks).
 */
export const EVERYDAY_WORDS: Readonly<Record<string, readonly string[]>> = {
  asfalt: ['bitumen'],
  asphalt: ['bituminous'],
  trevirke: ['tre'],
  treverk: ['tre'],
  treflis: ['sagflis'],
  flis: ['sagflis'],
  sagspon: ['sagflis'],
  matavfall: ['kjøkken', 'konsum'],
  matrester: ['kjøkken', 'konsum'],
  skrap: ['metaller', 'metallavfall'],
  metallskrap: ['metaller', 'metallavfall'],
  jernskrap: ['jernholdig', 'jern og stål'],
  scrap: ['metal', 'metals'],
  avløpsslam: ['slam kommunalt avløpsvann', 'septiktanker'],
  kloakkslam: ['slam kommunalt avløpsvann', 'septiktanker'],
  elavfall: ['elektrisk elektronisk'],
  spillolje: ['motor smøreoljer', 'hydraulikkoljer'],
  frityrolje: ['spiselig olje'],
  matolje: ['spiselig olje'],
  glasskår: ['glass'],
  treaske: ['flyveaske tre'],
  bioaske: ['flyveaske tre'],
  møkk: ['husdyrgjødsel'],
  kartong: ['papp'],
};

/** Words every entry is about, so a compound's part that says only "waste" is no condition. */
const WASTE_WORDS = new Set(['avfall', 'waste', 'wastes']);

/** The number of single-character edits (insert, delete, replace) between two strings. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

const normalise = (s: string) => s.toLowerCase().normalize('NFC');
const wordsOf = (s: string) => normalise(s).match(/[\p{L}\d]+/gu) ?? [];
const allowedEdits = (word: string) => (word.length <= 4 ? 1 : 2);

/** How well a text (lower-case words joined by spaces) holds a word: 3 as a word, 2 as a word's start, 1 inside one, 0 not. */
function fit(text: string, word: string): number {
  const padded = ` ${text} `;
  if (padded.includes(` ${word} `)) return 3;
  if (padded.includes(` ${word}`)) return 2;
  return text.includes(word) ? 1 : 0;
}

interface Index {
  /** Each code's code and descriptions as lower-case words, in the order of the list. */
  texts: string[];
  /** The words of the list (three letters or more) in each order: the UI language's first wins ties. */
  vocabulary: { en: string[]; nb: string[] };
  known: Set<string>;
}

const indexes = new WeakMap<readonly WasteCode[], Index>();

/** Built once per list: the picker searches on every key press. */
function indexOf(codes: readonly WasteCode[]): Index {
  const cached = indexes.get(codes);
  if (cached) return cached;
  const wordsIn = (pick: (c: WasteCode) => string) =>
    new Set(codes.flatMap((c) => wordsOf(pick(c)).filter((w) => w.length >= 3)));
  const en = wordsIn((c) => c.description);
  const nb = wordsIn((c) => c.descriptionNb);
  const everyday = Object.keys(EVERYDAY_WORDS);
  const index: Index = {
    texts: codes.map((c) => wordsOf(`${c.code} ${c.description} ${c.descriptionNb}`).join(' ')),
    vocabulary: {
      en: [...new Set([...en, ...nb, ...everyday])],
      nb: [...new Set([...nb, ...en, ...everyday])],
    },
    known: new Set([...en, ...nb]),
  };
  indexes.set(codes, index);
  return index;
}

/**
 * A compound as the parts a text must hold: `betongavfall` -> `betong`, `plastemballasje` ->
 * `plast`, `emballasje` (a linking s or e after the first part is allowed). The second part is a
 * word of the list; the first one too, or the start of one (`gips` of `gipsbaserte`).
 */
function partsOf(word: string, isWord: (part: string) => boolean, isStart: (part: string) => boolean) {
  if (word.length < 6) return null;
  // The longest second part first: `betongavfall` is `betong` + `avfall`.
  for (let i = 3; i <= word.length - 3; i++) {
    const tail = word.slice(i);
    if (!isWord(tail)) continue;
    const head = word.slice(0, i);
    for (const h of [head, head.replace(/[se]$/, '')]) {
      if (h.length >= 3 && (isWord(h) || (h.length >= 4 && isStart(h)))) {
        const parts = [h, tail].filter((p) => !WASTE_WORDS.has(p));
        return parts.length > 0 ? parts : [h, tail];
      }
    }
  }
  return null;
}

export function searchWasteCodes(
  codes: readonly WasteCode[],
  query: string,
  limit = 20,
  language: 'en' | 'nb' = 'en',
): WasteSearch {
  const q = query.trim();
  if (q === '') return { matches: [], didYouMean: [] };
  const digits = q.replace(/[\s*]/g, '');
  if (/^\d+$/.test(digits)) {
    const matches = codes.filter((c) => c.code.startsWith(digits)).slice(0, limit);
    if (matches.length > 0 || digits.length !== 6) return { matches, didYouMean: [] };
    const near = codes.filter((c) => editDistance(c.code, digits) === 1).map((c) => c.code);
    return { matches: [], didYouMean: near.slice(0, 5) };
  }
  const typed = wordsOf(q);
  const { texts, vocabulary: byLanguage, known } = indexOf(codes);
  const vocabulary = byLanguage[language];
  const anywhere = (word: string) => texts.some((t) => t.includes(word));
  const isWord = (part: string) => known.has(part);
  const isStart = (part: string) => texts.some((t) => fit(t, part) >= 2);
  // Each typed word: the ways a text can answer it (the word, a compound's parts, what it stands for).
  const ways = (w: string): string[][] => {
    const parts = partsOf(w, isWord, isStart);
    return [[w], ...(parts ? [parts] : []), ...(EVERYDAY_WORDS[w] ?? []).map(wordsOf)];
  };
  const alternatives = typed.map(ways);
  const scored: { index: number; score: number }[] = [];
  texts.forEach((text, index) => {
    let score = 0;
    for (const options of alternatives) {
      const best = Math.max(...options.map((parts) => Math.min(...parts.map((p) => fit(text, p)))));
      if (best === 0) return;
      score += best;
    }
    scored.push({ index, score });
  });
  // Whole words first (`tre` is wood, before the English `treatment`), then in the list's order.
  const matches = scored
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map(({ index }) => codes[index]!);
  if (matches.length > 0) return { matches, didYouMean: [] };

  // Nothing: replace each word that appears nowhere by the closest word of the list.
  let changed = false;
  const corrected = typed.map((w) => {
    if (ways(w).length > 1 || anywhere(w)) return w;
    let best: { word: string; distance: number } | null = null;
    for (const v of vocabulary) {
      if (Math.abs(v.length - w.length) > allowedEdits(w)) continue;
      const d = editDistance(w, v);
      if (d <= allowedEdits(w) && (best === null || d < best.distance)) best = { word: v, distance: d };
    }
    if (best === null) return w;
    changed = true;
    return best.word;
  });
  return { matches: [], didYouMean: changed ? [corrected.join(' ')] : [] };
}
