/**
 * Searching the European List of Waste as the API serves it (GET /taxonomy/waste-codes: code and
 * English description): by code or code prefix, or by words. The list ships in English only, so
 * Norwegian words are looked up in a small glossary of common waste words first (`slam` finds
 * sludges, `treflis` wood and chips). When nothing matches, "did you mean" offers the codes one
 * digit away, or the words of the list closest to each typed word (Levenshtein distance, at most
 * one edit for short words and two for longer ones). Pure, so it is tested without a browser.
 */

export interface WasteCode {
  code: string;
  description: string;
  hazardous: boolean;
}

export interface WasteSearch {
  matches: WasteCode[];
  /** Corrected queries to offer when nothing matched (codes or words). */
  didYouMean: string[];
}

/** Norwegian (bokmål) waste words and the English words the List of Waste uses for them. */
export const NB_GLOSSARY: Readonly<Record<string, readonly string[]>> = {
  aske: ['ash'],
  bunnaske: ['bottom ash'],
  flyveaske: ['fly ash'],
  slam: ['sludge'],
  slagg: ['slag'],
  støv: ['dust'],
  tre: ['wood'],
  treverk: ['wood'],
  trevirke: ['wood'],
  flis: ['chips'],
  sagflis: ['sawdust'],
  spon: ['shavings'],
  bark: ['bark'],
  metall: ['metal'],
  jern: ['iron', 'ferrous'],
  stål: ['steel'],
  kobber: ['copper'],
  plast: ['plastic'],
  glass: ['glass'],
  papir: ['paper'],
  papp: ['cardboard'],
  betong: ['concrete'],
  tegl: ['bricks'],
  murstein: ['bricks'],
  asfalt: ['bituminous'],
  jord: ['soil'],
  stein: ['stones'],
  gips: ['gypsum'],
  olje: ['oil'],
  emballasje: ['packaging'],
  fisk: ['fish'],
  dyr: ['animal'],
  kalk: ['lime'],
  sand: ['sand'],
  dekk: ['tyres'],
  gummi: ['rubber'],
  tekstil: ['textile'],
  tekstiler: ['textiles'],
  løsemiddel: ['solvent'],
  maling: ['paint'],
  batteri: ['batteries'],
  batterier: ['batteries'],
  elektronikk: ['electronic'],
  kjemikalier: ['chemicals'],
  avløpsvann: ['waste water'],
  avløp: ['waste water'],
  mat: ['food'],
  matavfall: ['kitchen'],
  farlig: ['hazardous'],
  filter: ['filter'],
  kull: ['carbon'],
  karbon: ['carbon'],
  ildfast: ['refractory'],
  foring: ['linings'],
  skrap: ['scrap'],
};

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

/** The English words a typed word stands for: itself, and its glossary meanings (also of a compound's part). */
function meanings(word: string): string[] {
  const direct = NB_GLOSSARY[word];
  if (direct) return [word, ...direct];
  const parts = Object.keys(NB_GLOSSARY).filter((k) => k.length >= 4 && word.includes(k));
  return [word, ...parts.flatMap((k) => NB_GLOSSARY[k]!)];
}

const allowedEdits = (word: string) => (word.length <= 4 ? 1 : 2);

export function searchWasteCodes(codes: readonly WasteCode[], query: string, limit = 20): WasteSearch {
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
  const haystack = (c: WasteCode) => normalise(`${c.code} ${c.description}`);
  const matches = codes
    .filter((c) => {
      const text = haystack(c);
      return typed.every((w) => meanings(w).some((m) => text.includes(m)));
    })
    .slice(0, limit);
  if (matches.length > 0) return { matches, didYouMean: [] };

  // Nothing: replace each word that matches nothing by the closest word of the list (or glossary).
  const vocabulary = new Set<string>(Object.keys(NB_GLOSSARY));
  for (const c of codes) for (const w of wordsOf(c.description)) if (w.length >= 3) vocabulary.add(w);
  let changed = false;
  const corrected = typed.map((w) => {
    if ([...vocabulary].some((v) => meanings(w).some((m) => v.includes(m)))) return w;
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
