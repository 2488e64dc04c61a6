/**
 * A phrasebook for the texts the engine and the service write in English: the reasons of a
 * suggestion's score terms, its route detail, the reason of a distance shown from an anonymised
 * location, the flags a changed or deleted listing leaves on a review and the notes the service
 * writes in a review's trail. Those stay English where they are made (stored suggestions, their
 * content hashes and the engine's tests depend on them); the app puts them into bokmål here.
 *
 * Each phrase is one template of src/matching/* (or src/domain/presentation.ts, src/domain/review.ts,
 * cypher/), written as in the source with `{n}` for a number, `{p}` for a whole percent, `{w}` for
 * one word and `{*}` for any text; it matches a text as a whole (anchored). Numbers come back the
 * Norwegian way (decimal comma, spaces for thousands, `85 %`), units and dates as the app writes
 * them, carriers, water, land uses, forms and facilities by their Norwegian names; material
 * category ids, waste codes, profile names and what a listing states in its own words (zoning,
 * contaminants) stay as they are. A text made of phrases joined with `; ` (quality reasons, an
 * energy pair's timing, feedback) is translated phrase by phrase; a text that is not entirely made
 * of known phrases is left in English, and engineTextOf says so (lang="en").
 * Templates are compiled and tried, and numbers written, by phrasebook.ts, shared with api-text.ts.
 * Pure, so it is tested without a browser (test/unit/web/engine-text.test.ts).
 */
import type {
  EnergyCarrier,
  LAND_FACILITIES,
  LandUse,
  PHYSICAL_FORMS,
  WaterQuality,
  WaterType,
} from '../../../src/domain/listing-kinds.ts';
import { SUBSTITUTIONS_NB } from './engine-substitutions.ts';
import { createFormat, type Language, unitLabel } from './format.ts';
import {
  findPhrase,
  nbNumber as formatNumber,
  inLanguage,
  type Render as PhraseRender,
  PLACEHOLDERS,
  phrasesOf,
  withLanguage,
  wordOf,
} from './phrasebook.ts';

// ---- Words ---------------------------------------------------------------------------------

const CARRIERS: Record<EnergyCarrier, string> = {
  'hot-water': 'varmtvann',
  steam: 'damp',
  'flue-gas': 'røykgass',
  'cooling-water': 'kjølevann',
  cold: 'kulde',
  electricity: 'strøm',
  gas: 'gass',
};

const WATER_TYPES: Record<WaterType, string> = {
  cooling: 'kjølevann',
  process: 'prosessvann',
  'treated-wastewater': 'renset avløpsvann',
  grey: 'gråvann',
  potable: 'drikkevann',
  surface: 'overflatevann',
  seawater: 'sjøvann',
  rainwater: 'regnvann',
  'industrial-waste-water': 'urenset industrielt avløpsvann',
};

const WATER_QUALITIES: Record<WaterQuality, string> = {
  potable: 'drikkevannskvalitet',
  process: 'prosessvannskvalitet',
  'non-potable': 'ikke-drikkbar kvalitet',
  saline: 'saltvannskvalitet',
};

/** A land use as a use ("kan brukes til lager") … */
const LAND_USES: Record<LandUse, string> = {
  industrial: 'industri',
  commercial: 'næring',
  agricultural: 'landbruk',
  storage: 'lager',
  mixed: 'blandet bruk',
};

/** … and as the land it is ("lagerareal som behovet krever"). */
const LAND_AREAS: Record<LandUse, string> = {
  industrial: 'industriareal',
  commercial: 'næringsareal',
  agricultural: 'landbruksareal',
  storage: 'lagerareal',
  mixed: 'areal for blandet bruk',
};

const FORMS: Record<(typeof PHYSICAL_FORMS)[number], string> = {
  solid: 'fast stoff',
  granular: 'granulat',
  powder: 'pulver',
  sludge: 'slam',
  liquid: 'væske',
  gas: 'gass',
  mixed: 'blanding',
};

/** The uses of material categories as regulation.ts names them. */
const MATERIAL_USES: Record<string, string> = {
  feed: 'fôr',
  'fertiliser or soil improvement': 'gjødsel eller jordforbedring',
  'biogas or compost': 'biogass eller kompost',
  'energy recovery': 'energiutnyttelse',
  'raw-material use': 'bruk som råstoff',
};

/** The conditions on an animal by-product's use, as regulation.ts writes them. */
const ABP_CONDITIONS: Record<string, string> = {
  'only by incineration, co-incineration or as fuel':
    'bare ved forbrenning, samforbrenning eller som brensel',
  'only by co-incineration': 'bare ved samforbrenning',
  'only after pressure sterilisation, except manure and digestive tract content':
    'bare etter trykksterilisering, unntatt husdyrgjødsel og innhold i fordøyelseskanalen',
  'by incineration, co-incineration or as fuel': 'ved forbrenning, samforbrenning eller som brensel',
  'by co-incineration or as a derived product': 'ved samforbrenning eller som avledet produkt',
  'after processing in an approved plant': 'etter bearbeiding i et godkjent anlegg',
  'after processing in an approved or registered plant':
    'etter bearbeiding i et godkjent eller registrert anlegg',
  'in an approved or registered biogas or composting plant':
    'i et godkjent eller registrert biogass- eller komposteringsanlegg',
};

const FACILITIES: Record<(typeof LAND_FACILITIES)[number], string> = {
  quay: 'kai',
  rail: 'jernbane',
  road: 'vei',
  'grid-connection': 'nettilknytning',
  'district-heating': 'fjernvarme',
  'water-supply': 'vannforsyning',
  building: 'bygning',
};

/** How far up the List of Waste a need accepts an offered code. */
const LEVELS: Record<string, string> = { chapter: 'kapittel', 'sub-chapter': 'underkapittel', code: 'kode' };

const KINDS: Record<string, string> = {
  material: 'materiale',
  energy: 'energi',
  water: 'vann',
  land: 'areal',
};
const KIND_PAIRS: Record<string, string> = {
  material: 'materialpar',
  energy: 'energipar',
  water: 'vannpar',
  land: 'arealpar',
};

/** The reason codes of turned-down suggestions, as the feedback reason counts them. */
const REJECTION_REASONS: Record<string, string> = {
  distance: 'avstand',
  quality: 'kvalitet',
  quantity: 'mengde',
  timing: 'tidspunkt',
  regulation: 'regelverk',
  price: 'pris',
  trust: 'tillit',
  other: 'annet',
};

/** What a route detail names: a carrier, a water type or a land use (their ids are distinct). */
const ROUTE_WORDS: Record<string, string> = { ...CARRIERS, ...WATER_TYPES, ...LAND_USES };

// ---- Numbers, units, dates -----------------------------------------------------------------

const NBSP = '\u00a0';
const nbFormat = createFormat('nb');

/** A number as the engine writes it (`1234.5`, `-3`, `−0.11`), in bokmål with as many decimals. */
export function nbNumber(text: string): string {
  return formatNumber(text);
}

const percent = (whole: string): string => `${nbNumber(whole)}${NBSP}%`;
const unit = (u: string): string => unitLabel(u, 'nb');
/** A signed adjustment of the feedback term: `−0.11`, `+0.05`. */
const signed = (text: string): string | null => {
  const m = /^([\u2212+])(\d+(?:\.\d+)?)$/.exec(text);
  return m ? `${m[1]}${nbNumber(m[2]!)}` : null;
};
const isoDate = (text: string): string | null =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) ? nbFormat.date(text) : null;

/** The first 60 characters of a description, cut at a word: as the engine shortens a route's. */
function shorten(text: string): string {
  const limit = 60;
  if (text.length <= limit) return text;
  const cut = text.lastIndexOf(' ', limit);
  return `${text.slice(0, cut > 0 ? cut : limit).replace(/[\s,;:.]+$/, '')}…`;
}

// ---- Phrases -------------------------------------------------------------------------------

/** A translation and the templates it used, nested ones included. */
export interface EngineTranslation {
  text: string;
  templates: string[];
}

/** What a phrase's bokmål may translate inside it: a list of phrases, or one. */
interface Nested {
  list(text: string): string | null;
  one(text: string): string | null;
}

type Render = PhraseRender<Nested>;

/** Beside `{n}` and `{w}`: `{p}` a whole percent, `{*}` any text (as much as fits). */
const ENGINE_PLACEHOLDERS: Record<string, string> = {
  ...PLACEHOLDERS,
  '{p}': String.raw`(-?\d+)%`,
  '{*}': '(.+)',
};

const ASSUMED_EN = ' (temperature assumed typical for the carrier)';
const ASSUMED_NB = ' (temperaturen er antatt typisk for energibæreren)';

/** What a feedback adjustment was learned from: "5 quality rejections and 1 price rejection, 2 taken forward". */
function rejectionWords(text: string): string | null {
  const m = /^(.+?)(?:, (\d+) taken forward)?$/.exec(text);
  if (!m) return null;
  const parts = m[1]!.split(' and ').map((part) => {
    const r = /^(\d+) (\S+) rejections?$/.exec(part);
    const reason = wordOf(REJECTION_REASONS, r?.[2]);
    if (!r || reason === null) return null;
    return `${r[1]} ${r[1] === '1' ? 'avvisning' : 'avvisninger'} på grunn av ${reason}`;
  });
  if (parts.some((p) => p === null)) return null;
  return `${parts.join(' og ')}${m[2] === undefined ? '' : ` (${m[2]} tatt videre)`}`;
}

/** A resource family of the feedback rule: a List of Waste chapter, a category, a carrier, a type, a use. */
function family(text: string): string | null {
  const chapter = /^LoW (\d{2})$/.exec(text);
  if (chapter) return `avfallskapittel ${chapter[1]}`;
  const category = /^category (\S+)$/.exec(text);
  if (category) return `kategori ${category[1]}`;
  return wordOf(KINDS, text) ?? wordOf(ROUTE_WORDS, text);
}

function band(text: string): string | null {
  const bounded = /^(\d+)-(\d+) km$/.exec(text);
  if (bounded) return `${bounded[1]}–${bounded[2]} km`;
  const open = /^(\d+)\+ km$/.exec(text);
  return open ? `${open[1]} km eller mer` : null;
}

function substitution(id: string): string | null {
  return wordOf(SUBSTITUTIONS_NB, id);
}

/** A window's bound: an ISO date, or `now` / `onwards` for an open one. */
function availability(from: string, to: string): string | null {
  const start = from === 'now' ? 'nå' : isoDate(from);
  if (start === null) return null;
  if (to === 'onwards') return `fra ${start} og framover`;
  const end = isoDate(to);
  return end === null ? null : `fra ${start} til ${end}`;
}

/** What a need accepts, as material-fit.ts lists it: "codes 1001, 1002 or category x", "nothing it names". */
function acceptedWords(text: string): string | null {
  if (text === 'nothing it names') return 'ingenting den navngir';
  const parts = text.split(' or ').map((part) => {
    const codes = /^codes (.+)$/.exec(part);
    if (codes) return `kodene ${codes[1]}`;
    const category = /^category (\S+)$/.exec(part);
    return category ? `kategori ${category[1]}` : null;
  });
  return parts.every((p) => p !== null) ? parts.join(' eller ') : null;
}

/** The offer's codes: "code 100316, 100318" or "no code". */
function offeredCodes(text: string): string | null {
  if (text === 'no code') return 'ingen kode';
  const m = /^code (.+)$/.exec(text);
  if (!m) return null;
  return m[1]!.includes(', ') ? `kodene ${m[1]}` : `kode ${m[1]}`;
}

/** The offer's categories: "category a, b" or "no category". */
function offeredCategories(text: string): string | null {
  if (text === 'no category') return 'ingen kategori';
  const m = /^category (.+)$/.exec(text);
  return m ? `kategori ${m[1]}` : null;
}

/** Why no documented substitution helps. */
function substitutionWords(text: string): string | null {
  if (text === 'the need names no category a documented substitution could lead to')
    return 'behovet navngir ingen kategori en dokumentert erstatning kunne føre til';
  const m = /^no documented substitution leads from it to (\S+)$/.exec(text);
  return m ? `ingen dokumentert erstatning fører fra det til ${m[1]}` : null;
}

/** A listing's period as diagnostics.ts writes it: "now–onwards", "2025-01-01–2026-12-31". */
function periodWords(text: string): string | null {
  const m = /^(now|\d{4}-\d{2}-\d{2})–(onwards|\d{4}-\d{2}-\d{2})$/.exec(text);
  return m ? availability(m[1]!, m[2]!) : null;
}

/** [template as the source writes it, its bokmål]; the first whose template and words fit wins. */
const PHRASE_LIST: [string, Render][] = [
  // pair.ts: the quantity and distance terms.
  [
    "the offer covers {p} of the need's {n} {w}",
    ([p, q, u]) => `tilbudet dekker ${percent(p!)} av behovets ${nbNumber(q!)} ${unit(u!)}`,
  ],
  [
    "the offer ({n} {w} after conversion) covers {p} of the need's {n} {w}",
    ([d, du, p, q, u]) =>
      `tilbudet (${nbNumber(d!)} ${unit(du!)} etter omregning) dekker ${percent(p!)} av behovets ${nbNumber(q!)} ${unit(u!)}`,
  ],
  ['{n} km of a {n} km limit', ([d, l]) => `${nbNumber(d!)} km av en grense på ${nbNumber(l!)} km`],
  [
    "{n} km of a {n} km limit (the listings' own)",
    ([d, l]) => `${nbNumber(d!)} km av en grense på ${nbNumber(l!)} km (oppføringenes egen)`,
  ],
  [
    '{n} km of a {n} km limit (the reach of a heat pipe carrying {n} MWh/yr)',
    ([d, l, q]) =>
      `${nbNumber(d!)} km av en grense på ${nbNumber(l!)} km (rekkevidden til et varmerør som fører ${nbNumber(q!)} ${unit('MWh/yr')})`,
  ],
  // pair.ts with a cost set: both distances (economics.ts), then the limit.
  [
    '{n} km straight, about {n} km by road',
    ([d, r]) => `${nbNumber(d!)} km i luftlinje, omtrent ${nbNumber(r!)} km på vei`,
  ],
  [
    '{n} km straight, crosses open water (ferry or ship), about {n} km by road and sea',
    ([d, r]) =>
      `${nbNumber(d!)} km i luftlinje, krysser åpent vann (ferje eller skip), omtrent ${nbNumber(r!)} km på vei og sjø`,
  ],
  ['within a {n} km limit', ([l]) => `innenfor en grense på ${nbNumber(l!)} km`],
  [
    "within a {n} km limit (the listings' own)",
    ([l]) => `innenfor en grense på ${nbNumber(l!)} km (oppføringenes egen)`,
  ],
  [
    'within a {n} km limit (the reach of a heat pipe carrying {n} MWh/yr)',
    ([l, q]) =>
      `innenfor en grense på ${nbNumber(l!)} km (rekkevidden til et varmerør som fører ${nbNumber(q!)} ${unit('MWh/yr')})`,
  ],
  // domain/presentation.ts: the distance term seen from an anonymised location.
  [
    'about {n} km of a {n} km limit, measured from an anonymised location',
    ([d, l]) =>
      `omtrent ${nbNumber(d!)} km av en grense på ${nbNumber(l!)} km, målt fra en anonymisert plassering`,
  ],
  [
    'about {n} km, measured from an anonymised location',
    ([d]) => `omtrent ${nbNumber(d!)} km, målt fra en anonymisert plassering`,
  ],

  // chains.ts: a chain through a processor, and its score seen from an anonymised location.
  [
    'through a processor that gives {n} of what it offers per unit it takes',
    ([y]) => `gjennom en foredler som gir ${nbNumber(y!)} av det den tilbyr per enhet den tar imot`,
  ],
  [
    "the chain scores the product of its links' scores, {n} × {n}",
    ([a, b]) => `kjeden får produktet av leddenes poeng, ${nbNumber(a!)} × ${nbNumber(b!)}`,
  ],
  [
    "the product of its links' scores, measured from an anonymised location",
    () => 'produktet av leddenes poeng, målt fra en anonymisert plassering',
  ],

  // temporal.ts: windows and profiles.
  [
    "the offer's availability covers the need's whole period",
    () => 'tilbudet er tilgjengelig i hele behovets periode',
  ],
  [
    "the offer is available for {p} of the need's period",
    ([p]) => `tilbudet er tilgjengelig i ${percent(p!)} av behovets periode`,
  ],
  [
    'the offer is available {w}–{w}, only part of the open-ended need',
    ([from, to]) => {
      const when = availability(from!, to!);
      return when === null
        ? null
        : `tilbudet er tilgjengelig ${when}, bare en del av det tidsubegrensede behovet`;
    },
  ],
  ['the need states no quantity', () => 'behovet oppgir ingen mengde'],
  [
    'hour by hour ({*} against {*}) the offer covers {p} of the need',
    ([o, n, p]) => `time for time (${o} mot ${n}) dekker tilbudet ${percent(p!)} av behovet`,
  ],
  [
    'with flat profiles the offer covers {p} of the need',
    ([p]) => `med jevne profiler dekker tilbudet ${percent(p!)} av behovet`,
  ],
  [
    'month by month the offer covers {p} of the need',
    ([p]) => `måned for måned dekker tilbudet ${percent(p!)} av behovet`,
  ],

  // energy-fit.ts and heat-pump.ts.
  ['COP {n}, lift {n} K', ([cop, lift]) => `COP ${nbNumber(cop!)}, løft ${nbNumber(lift!)} K`],
  [
    '{w} offered for a {w} need',
    ([from, to]) => {
      const [a, b] = [wordOf(CARRIERS, from), wordOf(CARRIERS, to)];
      return a && b && `${a} tilbys til et behov for ${b}`;
    },
  ],
  [
    '{w} needs no temperature match',
    ([c]) => {
      const a = wordOf(CARRIERS, c);
      return a && `${a} krever ingen temperaturtilpasning`;
    },
  ],
  [
    'cold at {n} °C serves the {n} °C need with {n} K to spare',
    ([s, n, k]) =>
      `kulde på ${nbNumber(s!)} °C dekker behovet på ${nbNumber(n!)} °C med ${nbNumber(k!)} K i margin`,
  ],
  [
    '{w} serves a {w} need through a heat exchanger',
    ([from, to]) => {
      const [a, b] = [wordOf(CARRIERS, from), wordOf(CARRIERS, to)];
      return a && b && `${a} dekker et behov for ${b} gjennom en varmeveksler`;
    },
  ],
  [
    'source at {n} °C serves the {n} °C need directly ({n} K ≥ {n} K approach)',
    ([s, n, m, a]) =>
      `kilden på ${nbNumber(s!)} °C dekker behovet på ${nbNumber(n!)} °C direkte (${nbNumber(m!)} K ≥ ${nbNumber(a!)} K minste temperaturdifferanse)`,
  ],
  [
    '{w} at {n} °C lifted by a heat pump to a {w} need',
    ([from, s, to]) => {
      const [a, b] = [wordOf(CARRIERS, from), wordOf(CARRIERS, to)];
      return a && b && `${a} på ${nbNumber(s!)} °C løftet av en varmepumpe til et behov for ${b}`;
    },
  ],
  [
    'a heat pump lifts {n} °C to {n} °C (lift {n} K incl. approach, COP {n})',
    ([s, n, lift, cop]) =>
      `en varmepumpe løfter ${nbNumber(s!)} °C til ${nbNumber(n!)} °C (løft ${nbNumber(lift!)} K medregnet minste temperaturdifferanse, COP ${nbNumber(cop!)})`,
  ],
  [
    'source is {n} K from the need, below the {n} K approach',
    ([m, a]) =>
      `kilden er ${nbNumber(m!)} K fra behovet, under minste temperaturdifferanse på ${nbNumber(a!)} K`,
  ],
  ['source temperature below absolute zero', () => 'kildetemperaturen er under det absolutte nullpunktet'],
  ['lift {n} K exceeds {n} K', ([l, m]) => `løftet på ${nbNumber(l!)} K er over ${nbNumber(m!)} K`],
  ['estimated COP {n} recovers no heat', ([c]) => `anslått COP ${nbNumber(c!)} gjenvinner ingen varme`],
  // heat-pump.ts two stages, heat-grade.ts and energy-fit.ts heat-pump sources.
  [
    'COP {n}, lift {n} K, two stages',
    ([cop, lift]) => `COP ${nbNumber(cop!)}, løft ${nbNumber(lift!)} K, to trinn`,
  ],
  [
    '{w} at {n} °C lifted by a two-stage heat pump to a {w} need',
    ([from, s, to]) => {
      const [a, b] = [wordOf(CARRIERS, from), wordOf(CARRIERS, to)];
      return a && b && `${a} på ${nbNumber(s!)} °C løftet av en totrinns varmepumpe til et behov for ${b}`;
    },
  ],
  [
    'a two-stage heat pump lifts {n} °C to {n} °C (lift {n} K incl. approach, COP {n})',
    ([s, n, lift, cop]) =>
      `en totrinns varmepumpe løfter ${nbNumber(s!)} °C til ${nbNumber(n!)} °C (løft ${nbNumber(lift!)} K medregnet minste temperaturdifferanse, COP ${nbNumber(cop!)})`,
  ],
  [
    'exergy lost: {n} per unit of heat (a cooler source would do)',
    ([x]) => `eksergitap: ${nbNumber(x!)} per enhet varme (en kaldere kilde ville holdt)`,
  ],
  [
    '{w} at {n} °C offered as the heat source of a heat pump',
    ([from, s]) => {
      const a = wordOf(CARRIERS, from);
      return a && `${a} på ${nbNumber(s!)} °C tilbys som varmekilde for en varmepumpe`;
    },
  ],
  [
    'source at {n} °C feeds a heat pump that takes at least {n} °C ({n} K ≥ {n} K approach)',
    ([s, n, m, a]) =>
      `kilden på ${nbNumber(s!)} °C forsyner en varmepumpe som tar minst ${nbNumber(n!)} °C (${nbNumber(m!)} K ≥ ${nbNumber(a!)} K minste temperaturdifferanse)`,
  ],
  [
    '{w} cannot feed a heat pump as its heat source',
    ([from]) => {
      const a = wordOf(CARRIERS, from);
      return a && `${a} kan ikke være varmekilde for en varmepumpe`;
    },
  ],
  [
    '{w} at {n} °C is too cold for a heat pump that takes at least {n} °C: {n} K, below the {n} K approach',
    ([from, s, n, m, a]) => {
      const c = wordOf(CARRIERS, from);
      return (
        c &&
        `${c} på ${nbNumber(s!)} °C er for kald for en varmepumpe som tar minst ${nbNumber(n!)} °C: ${nbNumber(m!)} K, under minste temperaturdifferanse på ${nbNumber(a!)} K`
      );
    },
  ],

  // material-fit.ts: routes, resource and quality.
  ['category {w}', ([c]) => `kategori ${c}`],
  [
    '{w} {w}',
    ([level, code]) => {
      const l = wordOf(LEVELS, level);
      return l && /^\d+$/.test(code!) ? `${l} ${code}` : null;
    },
  ],
  [
    '{w}: {*}',
    ([id]) => {
      const text = substitution(id!);
      return text && `${id}: ${shorten(text)}`;
    },
  ],
  ['both name the material category {w}', ([c]) => `begge oppgir materialkategorien ${c}`],
  [
    "offer code {w} belongs to the need's category {w}",
    ([code, c]) => `tilbudets kode ${code} hører til behovets kategori ${c}`,
  ],
  [
    "offer code {w} is accepted by the need's {w} {w}",
    ([code, level, accepted]) => {
      const l = wordOf(LEVELS, level);
      return l && `tilbudets kode ${code} godtas av behovets ${l} ${accepted}`;
    },
  ],
  [
    'documented substitution {w}: {*} (factor {n})',
    ([id, , factor]) => {
      const text = substitution(id!);
      return text && `dokumentert erstatning ${id}: ${text} (faktor ${nbNumber(factor!)})`;
    },
  ],
  ['purity not stated (need ≥ {n}%)', ([n]) => `renhet ikke oppgitt (behovet krever ≥ ${percent(n!)})`],
  ['purity {n}% against ≥ {n}%', ([o, n]) => `renhet ${percent(o!)} mot kravet ≥ ${percent(n!)}`],
  ['moisture not stated (need ≤ {n}%)', ([n]) => `fuktinnhold ikke oppgitt (behovet tåler ≤ ${percent(n!)})`],
  ['moisture {n}% against ≤ {n}%', ([o, n]) => `fuktinnhold ${percent(o!)} mot kravet ≤ ${percent(n!)}`],
  ['contains {*}, which the need excludes', ([c]) => `inneholder ${c}, som behovet utelukker`],
  [
    'declares {*}; the need states no exclusions',
    ([c]) => `oppgir ${c}; behovet utelukker ingen forurensninger`,
  ],
  [
    "none of the need's excluded contaminants declared",
    () => 'ingen av forurensningene behovet utelukker, er oppgitt',
  ],
  [
    'form {w} as wanted',
    ([f]) => {
      const a = wordOf(FORMS, f);
      return a && `formen er ${a}, som ønsket`;
    },
  ],
  [
    'form {w} where {w} is wanted',
    ([f, wanted]) => {
      const [a, b] = [wordOf(FORMS, f), wordOf(FORMS, wanted)];
      return a && b && `formen er ${a} der ${b} ønskes`;
    },
  ],
  ['the need states no quality requirements', () => 'behovet stiller ingen kvalitetskrav'],
  [
    'form {w} as required',
    ([f]) => {
      const a = wordOf(FORMS, f);
      return a && `formen er ${a}, som påkrevd`;
    },
  ],
  [
    'form not stated (the need requires {w})',
    ([f]) => {
      const a = wordOf(FORMS, f);
      return a && `formen er ikke oppgitt (behovet krever ${a})`;
    },
  ],
  [
    'form {w} offered where the need requires {w}',
    ([f, required]) => {
      const [a, b] = [wordOf(FORMS, f), wordOf(FORMS, required)];
      return a && b && `formen ${a} tilbys der behovet krever ${b}`;
    },
  ],
  [
    'the offer is {w} and the need asks for {w}: their shared code {w} does not make them the same material, and no documented substitution links them',
    ([o, n, code]) =>
      `tilbudet er ${o} og behovet ber om ${n}: den felles koden ${code} gjør dem ikke til samme materiale, og ingen dokumentert erstatning knytter dem sammen`,
  ],

  // regulation.ts: animal by-products (Regulation (EC) No 1069/2009) and waste status (Directive 2008/98/EC).
  [
    'animal by-product category {n} to {*}: {*} (Regulation (EC) No 1069/2009, Art. {n})',
    ([c, use, condition, art]) => {
      const [u, k] = [wordOf(MATERIAL_USES, use), wordOf(ABP_CONDITIONS, condition)];
      return (
        u &&
        k &&
        `animalsk biprodukt i kategori ${c} til ${u}: ${k} (forordning (EF) nr. 1069/2009, art. ${art})`
      );
    },
  ],
  [
    'animal by-product category {n}: the receiver needs registration or approval for it (Regulation (EC) No 1069/2009, Art. 23-24)',
    ([c]) =>
      `animalsk biprodukt i kategori ${c}: mottakeren må være registrert eller godkjent for det (forordning (EF) nr. 1069/2009, art. 23–24)`,
  ],
  [
    'animal by-product category {n} may not go to {*} (Regulation (EC) No 1069/2009, Art. {n})',
    ([c, use, art]) => {
      const u = wordOf(MATERIAL_USES, use);
      return (
        u &&
        `animalsk biprodukt i kategori ${c} kan ikke gå til ${u} (forordning (EF) nr. 1069/2009, art. ${art})`
      );
    },
  ],
  [
    'waste, to a receiver with a permit to take it (Directive 2008/98/EC, Art. 23)',
    () => 'avfall, til en mottaker med tillatelse til å ta imot det (direktiv 2008/98/EF, art. 23)',
  ],
  ['a by-product (Directive 2008/98/EC, Art. 5)', () => 'et biprodukt (direktiv 2008/98/EF, art. 5)'],
  [
    'end-of-waste (Directive 2008/98/EC, Art. 6)',
    () => 'har opphørt å være avfall (direktiv 2008/98/EF, art. 6)',
  ],
  [
    'the offer is waste and the need takes only by-products and end-of-waste (Directive 2008/98/EC, Art. 5-6)',
    () =>
      'tilbudet er avfall, og behovet tar bare imot biprodukter og materialer som har opphørt å være avfall (direktiv 2008/98/EF, art. 5–6)',
  ],
  [
    'the offer does not state that it is a by-product or end-of-waste, which the need requires (Directive 2008/98/EC, Art. 5-6)',
    () =>
      'tilbudet oppgir ikke at det er et biprodukt eller har opphørt å være avfall, noe behovet krever (direktiv 2008/98/EF, art. 5–6)',
  ],
  [
    'the offer is waste and the need states no permit to take waste (Directive 2008/98/EC, Art. 23)',
    () =>
      'tilbudet er avfall, og behovet oppgir ingen tillatelse til å ta imot avfall (direktiv 2008/98/EF, art. 23)',
  ],

  // water-fit.ts.
  ['saline water for a saline-tolerant use', () => 'saltvann til en bruk som tåler salt'],
  [
    '{w} water for a saline-tolerant use',
    ([q]) => {
      const a = wordOf(WATER_QUALITIES, q);
      return a && `vann av ${a} til en bruk som tåler salt`;
    },
  ],
  [
    '{w} quality as needed',
    ([q]) => {
      const a = wordOf(WATER_QUALITIES, q);
      return a && `${a} som behovet krever`;
    },
  ],
  [
    '{w} water used where {w} suffices',
    ([q, needed]) => {
      const [a, b] = [wordOf(WATER_QUALITIES, q), wordOf(WATER_QUALITIES, needed)];
      return a && b && `vann av ${a} brukt der ${b} holder`;
    },
  ],
  [
    '{w} water offered for a {w} need',
    ([from, to]) => {
      const [a, b] = [wordOf(WATER_TYPES, from), wordOf(WATER_TYPES, to)];
      return a && b && `${a} tilbys til et behov for ${b}`;
    },
  ],
  [
    '{w} water serves a {w} need',
    ([from, to]) => {
      const [a, b] = [wordOf(WATER_TYPES, from), wordOf(WATER_TYPES, to)];
      return a && b && `${a} dekker et behov for ${b}`;
    },
  ],
  [
    '{n} °C against a cooling need of at most {n} °C',
    ([o, n]) => `${nbNumber(o!)} °C mot et kjølebehov på høyst ${nbNumber(n!)} °C`,
  ],
  // water-fit.ts: untreated waste water, named in the offer's own words (its title, kept as written).
  [
    'untreated industrial waste water ("{*}") offered for a {w} need that treats water on site',
    ([title, to]) => {
      const b = wordOf(WATER_TYPES, to);
      return (
        b && `urenset industrielt avløpsvann («${title}») tilbys til et behov for ${b} som renser vann selv`
      );
    },
  ],
  [
    'untreated industrial waste water ("{*}") offered for an industrial-waste-water need',
    ([title]) =>
      `urenset industrielt avløpsvann («${title}») tilbys til et behov for urenset industrielt avløpsvann`,
  ],
  ['untreated waste water as the need asks', () => 'urenset avløpsvann, som behovet ber om'],
  [
    'untreated waste water, treated on site by the need to {w} quality',
    ([q]) => {
      const a = wordOf(WATER_QUALITIES, q);
      return a && `urenset avløpsvann, som behovet selv renser til ${a}`;
    },
  ],
  [
    '{w} water is not the untreated industrial waste water the need asks for',
    ([from]) => {
      const a = wordOf(WATER_TYPES, from);
      return a && `${a} er ikke det urensede industrielle avløpsvannet behovet ber om`;
    },
  ],
  [
    'untreated industrial waste water serves only a need that treats water on site, which the {w} need does not',
    ([to]) => {
      const b = wordOf(WATER_TYPES, to);
      return (
        b &&
        `urenset industrielt avløpsvann dekker bare behov som renser vann selv, og det gjør ikke behovet for ${b}`
      );
    },
  ],

  // land-fit.ts.
  ['the need requires no facilities', () => 'behovet krever ingen fasiliteter'],
  [
    'all required facilities present ({*})',
    ([list]) => {
      const names = list!.split(', ').map((f) => wordOf(FACILITIES, f));
      return names.every((n) => n !== null) ? `alle påkrevde fasiliteter finnes (${names.join(', ')})` : null;
    },
  ],
  [
    '{w} land as needed',
    ([u]) => {
      const a = wordOf(LAND_AREAS, u);
      return a && `${a} som behovet krever`;
    },
  ],
  [
    '{w} land can serve a {w} use',
    ([from, to]) => {
      const [a, b] = [wordOf(LAND_AREAS, from), wordOf(LAND_USES, to)];
      return a && b && `${a} kan brukes til ${b}`;
    },
  ],
  [
    'zoning of the plot not stated (need: {*})',
    ([z]) => `tomtens regulering er ikke oppgitt (behovet: ${z})`,
  ],
  ['zoned {*} where {*} is wanted', ([o, n]) => `regulert til ${o} der ${n} ønskes`],
  ['zoned {*} as wanted', ([o]) => `regulert til ${o}, som ønsket`],

  // The rules that block a pair, as the diagnostics name them (fit-result.ts, the fits, diagnostics.ts).
  ['a listing lacks the details of its kind', () => 'en oppføring mangler opplysningene for sin type'],
  [
    '{w} cannot serve a {w} need, directly or through a heat pump',
    ([from, to]) => {
      const [a, b] = [wordOf(CARRIERS, from), wordOf(CARRIERS, to)];
      return a && b && `${a} kan ikke dekke et behov for ${b}, verken direkte eller gjennom en varmepumpe`;
    },
  ],
  [
    '{w} at {n} °C cannot serve a {w} need directly, and is too hot to need a heat pump',
    ([from, s, to]) => {
      const [a, b] = [wordOf(CARRIERS, from), wordOf(CARRIERS, to)];
      return (
        a &&
        b &&
        `${a} på ${nbNumber(s!)} °C kan ikke dekke et behov for ${b} direkte, og er for varm til å trenge en varmepumpe`
      );
    },
  ],
  [
    'cold at {n} °C is {n} K below the {n} °C need, less than the {n} K approach',
    ([s, m, n, a]) =>
      `kulde på ${nbNumber(s!)} °C er ${nbNumber(m!)} K under behovet på ${nbNumber(n!)} °C, mindre enn minste temperaturdifferanse på ${nbNumber(a!)} K`,
  ],
  [
    'a heat pump cannot lift {w} at {n} °C to the {n} °C need: {*}',
    ([from, s, n, why], nested) => {
      const [a, reason] = [wordOf(CARRIERS, from), nested.one(why!)];
      return (
        a &&
        reason &&
        `en varmepumpe kan ikke løfte ${a} på ${nbNumber(s!)} °C til behovet på ${nbNumber(n!)} °C: ${reason}`
      );
    },
  ],
  [
    '{w} at {n} °C is too cold for the {n} °C need: {*}',
    ([from, s, n, why], nested) => {
      const [a, reason] = [wordOf(CARRIERS, from), nested.one(why!)];
      return (
        a && reason && `${a} på ${nbNumber(s!)} °C er for kald for behovet på ${nbNumber(n!)} °C: ${reason}`
      );
    },
  ],
  [
    'the offer is hazardous waste (code {w}) and the need does not accept hazardous waste',
    ([code]) => `tilbudet er farlig avfall (kode ${code}), og behovet tar ikke imot farlig avfall`,
  ],
  [
    'the offer is hazardous waste and the need does not accept hazardous waste',
    () => 'tilbudet er farlig avfall, og behovet tar ikke imot farlig avfall',
  ],
  [
    'the need accepts {*}; the offer has {*} ({*}), and {*}',
    ([accepted, codes, categories, rest]) => {
      const [a, c, k, r] = [
        acceptedWords(accepted!),
        offeredCodes(codes!),
        offeredCategories(categories!),
        substitutionWords(rest!),
      ];
      return a && c && k && r && `behovet godtar ${a}; tilbudet har ${c} (${k}), og ${r}`;
    },
  ],
  [
    '{w} water is saline and serves only saline-tolerant uses; the need asks for {w} quality',
    ([type, needed]) => {
      const [a, b] = [wordOf(WATER_TYPES, type), wordOf(WATER_QUALITIES, needed)];
      return a && b && `${a} er salt og dekker bare bruk som tåler salt; behovet ber om ${b}`;
    },
  ],
  [
    '{w} water of {w} quality cannot serve a need for {w} quality',
    ([type, offered, needed]) => {
      const [a, o, b] = [
        wordOf(WATER_TYPES, type),
        wordOf(WATER_QUALITIES, offered),
        wordOf(WATER_QUALITIES, needed),
      ];
      return a && o && b && `${a} av ${o} kan ikke dekke et behov for ${b}`;
    },
  ],
  [
    '{w} land cannot serve a {w} use',
    ([from, to]) => {
      const [a, b] = [wordOf(LAND_AREAS, from), wordOf(LAND_USES, to)];
      return a && b && `${a} kan ikke brukes til ${b}`;
    },
  ],
  [
    'the plot lacks {*}, which the need requires',
    ([list]) => {
      const names = list!.split(', ').map((f) => wordOf(FACILITIES, f));
      return names.every((n) => n !== null) ? `tomten mangler ${names.join(', ')}, som behovet krever` : null;
    },
  ],
  [
    'the offer is available {w}, the need {w}: the periods do not overlap',
    ([offer, need]) => {
      const [o, n] = [periodWords(offer!), periodWords(need!)];
      return o && n && `tilbudet er tilgjengelig ${o}, behovet ${n}: periodene overlapper ikke`;
    },
  ],
  [
    '{n} km apart, beyond the {n} km limit',
    ([d, l]) => `${nbNumber(d!)} km fra hverandre, utenfor grensen på ${nbNumber(l!)} km`,
  ],
  [
    "{n} km apart, beyond the {n} km limit (the listings' own)",
    ([d, l]) =>
      `${nbNumber(d!)} km fra hverandre, utenfor grensen på ${nbNumber(l!)} km (oppføringenes egen)`,
  ],
  [
    'about {n} km apart, measured from an anonymised location; beyond the {n} km limit',
    ([d, l]) =>
      `omtrent ${nbNumber(d!)} km fra hverandre, målt fra en anonymisert plassering; utenfor grensen på ${nbNumber(l!)} km`,
  ],
  [
    "about {n} km apart, measured from an anonymised location; beyond the {n} km limit (the listings' own)",
    ([d, l]) =>
      `omtrent ${nbNumber(d!)} km fra hverandre, målt fra en anonymisert plassering; utenfor grensen på ${nbNumber(l!)} km (oppføringenes egen)`,
  ],
  [
    'nothing to transfer: the offer or the need states no quantity',
    () => 'ingenting å overføre: tilbudet eller behovet oppgir ingen mengde',
  ],
  [
    'nothing to transfer: {*}',
    ([why], nested) => {
      const reason = nested.one(why!);
      return reason && `ingenting å overføre: ${reason}`;
    },
  ],
  [
    'scores {n}, below the minimum of {n}',
    ([s, m]) => `får ${nbNumber(s!)} poeng, under minstekravet på ${nbNumber(m!)}`,
  ],
  [
    'scores {n} even with the rules above set aside, below the minimum of {n}',
    ([s, m]) =>
      `får ${nbNumber(s!)} poeng selv med reglene over satt til side, under minstekravet på ${nbNumber(m!)}`,
  ],
  [
    'compatible (score {n}), but not among the {n} best pairs of either listing',
    ([s, k]) =>
      `forenlig (poeng ${nbNumber(s!)}), men ikke blant de ${nbNumber(k!)} beste parene for noen av oppføringene`,
  ],
  ['the offered resource does not serve the need', () => 'den tilbudte ressursen dekker ikke behovet'],

  // Route details of energy, water and land: one word, or from → to.
  ['{w}', ([w]) => wordOf(ROUTE_WORDS, w)],
  [
    '{w} → {w}',
    ([from, to]) => {
      const [a, b] = [wordOf(ROUTE_WORDS, from), wordOf(ROUTE_WORDS, to)];
      return a && b && `${a} → ${b}`;
    },
  ],

  // feedback.ts: the learned adjustment, one part or several.
  [
    'facilitator feedback: {w} ({*})',
    ([total, parts], nested) => {
      const sum = signed(total!);
      const list = nested.list(parts!);
      return sum && list && `tilbakemelding fra tilretteleggere: ${sum} (${list})`;
    },
  ],
  [
    'facilitator feedback: {*}',
    ([part], nested) => {
      const one = nested.one(part!);
      return one && `tilbakemelding fra tilretteleggere: ${one}`;
    },
  ],
  [
    '{w} from {*} of {w} pairs {*} apart',
    ([value, words, kind, distance]) => {
      const [v, w, k, b] = [
        signed(value!),
        rejectionWords(words!),
        wordOf(KIND_PAIRS, kind),
        band(distance!),
      ];
      return v && w && k && b && `${v} fra ${w} for ${k} ${b} fra hverandre`;
    },
  ],
  [
    '{w} from {*} of {w} {*} → {*}',
    ([value, words, kind, from, to]) => {
      const [v, w, k] = [signed(value!), rejectionWords(words!), wordOf(KINDS, kind)];
      const [a, b] = [family(from!), family(to!)];
      return v && w && k && a && b && `${v} fra ${w} for ${k} ${a} → ${b}`;
    },
  ],

  // Reviews: the flags a changed or deleted listing leaves (cypher/), the service's notes (domain/review.ts).
  ['listing {w} changed', ([id]) => `oppføringen ${id} ble endret`],
  ['listing {w} was deleted', ([id]) => `oppføringen ${id} ble slettet`],
  [
    'both businesses are interested: each now sees who the other is',
    () => 'begge bedriftene er interessert: nå ser hver av dem hvem den andre er',
  ],
  ['both businesses are interested', () => 'begge bedriftene er interessert'],
  [
    'all three businesses are interested: each now sees who the others are',
    () => 'alle tre bedriftene er interessert: nå ser hver av dem hvem de andre er',
  ],
  ['all three businesses are interested', () => 'alle tre bedriftene er interessert'],
];

const PHRASES = phrasesOf(PHRASE_LIST, ENGINE_PLACEHOLDERS);

/** The English templates the phrasebook knows, as the source writes them. */
export const ENGINE_TEMPLATES: readonly string[] = PHRASES.map((p) => p.template);

/** What a phrase's rendering may translate inside it, recording the templates it used. */
function nested(): Nested & { templates: string[] } {
  const templates: string[] = [];
  const record = (t: EngineTranslation | null): string | null => {
    if (t === null) return null;
    templates.push(...t.templates);
    return t.text;
  };
  return {
    templates,
    list: (t) => record(translateList(t)),
    one: (t) => record(translateOne(t)),
  };
}

/** One phrase (a text with no `; ` between phrases), or null. */
function translateOne(text: string): EngineTranslation | null {
  const assumed = text.endsWith(ASSUMED_EN);
  const core = assumed ? text.slice(0, -ASSUMED_EN.length) : text;
  const found = findPhrase(PHRASES, core, nested);
  if (found === null) return null;
  return {
    text: assumed ? `${found.text}${ASSUMED_NB}` : found.text,
    templates: [found.template, ...found.context.templates],
  };
}

/**
 * A text of phrases joined with `; `, each translated: the shortest phrases that make up the
 * whole text (a phrase may itself hold `; `, e.g. a listing's contaminants), or null.
 */
function translateList(text: string): EngineTranslation | null {
  const pieces = text.split('; ');
  const done: (EngineTranslation | null)[] = [{ text: '', templates: [] }];
  for (let end = 1; end <= pieces.length; end++) {
    done[end] = null;
    for (let start = end - 1; start >= 0; start--) {
      const before = done[start];
      if (!before) continue;
      const one = translateOne(pieces.slice(start, end).join('; '));
      if (one !== null) {
        done[end] = {
          text: start === 0 ? one.text : `${before.text}; ${one.text}`,
          templates: [...before.templates, ...one.templates],
        };
        break;
      }
    }
  }
  return done[pieces.length] ?? null;
}

/** The bokmål of an English text of the engine or the service with the templates it used; null when unknown. */
export function explainEngineText(text: string): EngineTranslation | null {
  return text === '' ? { text: '', templates: [] } : translateList(text);
}

/** The bokmål of an English text of the engine or the service; null when the phrasebook has none. */
export function translateEngineText(text: string): string | null {
  return explainEngineText(text)?.text ?? null;
}

/** An engine text in the language: translated for bokmål, unchanged in English or when unknown. */
export function engineText(text: string, language: Language): string {
  return inLanguage(translateEngineText, text, language);
}

/** engineText with the language of what it returns: `lang: 'en'` when bokmål fell back to English. */
export function engineTextOf(text: string, language: Language): { text: string; lang?: 'en' } {
  return withLanguage(translateEngineText, text, language);
}
