/**
 * A phrasebook for the texts the API writes when it refuses a request: the top message and each
 * detail's message of `{ error: { code, message, details: [{ path, message }] } }`. The API stays
 * English (clients and tests read those texts); the app shows them in bokmål through apiText.
 *
 * Each phrase is one template as the source writes it, with `{q}` for a value in single quotes,
 * `{n}` for a number, `{w}` for one word and `{*}` for any text; it matches a message as a whole
 * (anchored), and the first template whose words it knows wins. Covered are the texts of
 * src/domain/validate.ts (`is required (number)`, `must be number, got string`, …), every default
 * message of zod 4's English locale (zod/v4/locales/en.js), and the messages the service writes
 * itself (src/domain, src/services, src/http, src/errors.ts), their dynamic parts included.
 * Quoted values, codes, field names, ids and paths stay as they are; numbers of measure take a
 * decimal comma. A message no template knows stays English, and translatesApiText says so.
 * Templates are compiled and tried, and numbers written, by phrasebook.ts, shared with engine-text.ts.
 * Pure, so it is tested without a browser (test/unit/web/api-text.test.ts).
 */
import type { Role } from '../../../src/domain/caller.ts';
import type { ListingKind } from '../../../src/domain/listing-kinds.ts';
import type { ReviewState } from '../../../src/domain/review.ts';
import {
  findPhrase,
  nbNumber as formatNumber,
  inLanguage,
  PLACEHOLDERS,
  phrasesOf,
  type Render,
  withLanguage,
  wordOf,
} from './phrasebook.ts';

// ---- Words ---------------------------------------------------------------------------------

const KINDS: Record<ListingKind, string> = {
  material: 'materiale',
  energy: 'energi',
  water: 'vann',
  land: 'areal',
};

const SIDES: Record<'offer' | 'need', string> = { offer: 'tilbud', need: 'behov' };

const ROLES: Record<Role, string> = {
  business: 'bedrift',
  facilitator: 'tilrettelegger',
  analyst: 'analytiker',
  admin: 'administrator',
};

/** Review states as the app names them (lower case: they stand inside a sentence). */
const STATES: Record<ReviewState, string> = {
  suggested: 'foreslått',
  'under-review': 'til vurdering',
  introduced: 'introdusert',
  negotiating: 'forhandles',
  agreed: 'avtalt',
  implemented: 'gjennomført',
  rejected: 'avvist',
  declined: 'takket nei',
  withdrawn: 'trukket tilbake',
  expired: 'utløpt',
};

/** The type words of zod and of validate.ts: bare ("er påkrevd (tall)") and with an article. */
const TYPES: Record<string, { bare: string; a: string }> = {
  string: { bare: 'tekst', a: 'en tekst' },
  number: { bare: 'tall', a: 'et tall' },
  int: { bare: 'heltall', a: 'et heltall' },
  bigint: { bare: 'stort heltall', a: 'et stort heltall' },
  boolean: { bare: 'sann/usann-verdi', a: 'en sann/usann-verdi' },
  object: { bare: 'objekt', a: 'et objekt' },
  record: { bare: 'objekt', a: 'et objekt' },
  array: { bare: 'liste', a: 'en liste' },
  tuple: { bare: 'liste', a: 'en liste' },
  null: { bare: 'null', a: 'null' },
  undefined: { bare: 'ingen verdi', a: 'ingen verdi' },
  void: { bare: 'ingen verdi', a: 'ingen verdi' },
  never: { bare: 'ingen verdi', a: 'ingen verdi' },
  date: { bare: 'dato', a: 'en dato' },
  symbol: { bare: 'symbol', a: 'et symbol' },
  function: { bare: 'funksjon', a: 'en funksjon' },
  map: { bare: 'oppslagstabell', a: 'en oppslagstabell' },
  set: { bare: 'mengde', a: 'en mengde' },
  file: { bare: 'fil', a: 'en fil' },
  promise: { bare: 'promise', a: 'en promise' },
  template_literal: { bare: 'tekst', a: 'en tekst' },
  nan: { bare: 'NaN', a: 'NaN' },
  NaN: { bare: 'NaN', a: 'NaN' },
  Infinity: { bare: 'uendelig (Infinity)', a: 'uendelig (Infinity)' },
  '-Infinity': { bare: 'minus uendelig (-Infinity)', a: 'minus uendelig (-Infinity)' },
};

/** What a message names: an id's owner (`notFound`, `enforce`), with its forms and its pronoun. */
interface Thing {
  bare: string;
  definite: string;
  pronoun: 'den' | 'det';
}

const THINGS: Record<string, Thing> = {
  company: { bare: 'bedrift', definite: 'bedriften', pronoun: 'den' },
  listing: { bare: 'oppføring', definite: 'oppføringen', pronoun: 'den' },
  site: { bare: 'anlegg', definite: 'anlegget', pronoun: 'det' },
  suggestion: { bare: 'forslag', definite: 'forslaget', pronoun: 'det' },
  user: { bare: 'bruker', definite: 'brukeren', pronoun: 'den' },
  'active user': { bare: 'aktiv bruker', definite: 'den aktive brukeren', pronoun: 'den' },
  token: { bare: 'token', definite: 'tokenet', pronoun: 'det' },
  'match run': { bare: 'matchingkjøring', definite: 'matchingkjøringen', pronoun: 'den' },
  'factor set': { bare: 'faktorsett', definite: 'faktorsettet', pronoun: 'det' },
  'cost set': { bare: 'kostnadssett', definite: 'kostnadssettet', pronoun: 'det' },
  'match configuration': {
    bare: 'matchingkonfigurasjon',
    definite: 'matchingkonfigurasjonen',
    pronoun: 'den',
  },
};

/** `${what} is not valid` (parseOrThrow and the services), by what was sent. */
const NOT_VALID: Record<string, string> = {
  path: 'stien i adressen er ikke gyldig',
  query: 'søkeparametrene er ikke gyldige',
  company: 'bedriften er ikke gyldig',
  'company update': 'endringen av bedriften er ikke gyldig',
  site: 'anlegget er ikke gyldig',
  'site update': 'endringen av anlegget er ikke gyldig',
  listing: 'oppføringen er ikke gyldig',
  'listing update': 'endringen av oppføringen er ikke gyldig',
  user: 'brukeren er ikke gyldig',
  'token request': 'forespørselen om token er ikke gyldig',
  transition: 'statusendringen er ikke gyldig',
  response: 'svaret er ikke gyldig',
  note: 'notatet er ikke gyldig',
  assignment: 'tildelingen er ikke gyldig',
  readiness: 'modenhetsnivået er ikke gyldig',
  outcome: 'den gjennomførte utvekslingen er ikke gyldig',
  'feed seen': 'markeringen av hendelsene som lest er ikke gyldig',
  'match run': 'matchingkjøringen er ikke gyldig',
  'import document': 'importdokumentet er ikke gyldig',
  'CSV import': 'CSV-importen er ikke gyldig',
  'case file': 'evalueringsfilen er ikke gyldig',
};

/** `your role may not ${doing}` (requireRole), by what the role tried. */
const ROLE_DOING: Record<string, string> = {
  'read suggestions': 'lese forslag',
  'move suggestions through the review': 'flytte forslag gjennom vurderingen',
  'answer suggestions': 'svare på forslag',
  'add notes to suggestions': 'legge til notater på forslag',
  'list who suggestions may be assigned to': 'se hvem forslag kan tildeles',
  'assign suggestions': 'tildele forslag',
  'record readiness': 'registrere modenhet',
  'record outcomes': 'registrere gjennomførte utvekslinger',
  'read the audit trail': 'lese loggen',
  'read the review queue': 'lese vurderingskøen',
  'read the feed': 'lese hendelsene',
  'mark the feed seen': 'markere hendelsene som lest',
  'register companies': 'registrere bedrifter',
  'read companies': 'lese bedrifter',
  'list companies': 'liste opp bedrifter',
  'read the prompts of companies': 'lese oppstartstipsene til bedrifter',
  'register listings': 'registrere oppføringer',
  'change listings': 'endre oppføringer',
  'delete listings': 'slette oppføringer',
  'read the diagnostics of listings': 'lese diagnostikken for oppføringer',
  'add sites': 'legge til anlegg',
  'read sites': 'lese anlegg',
  'list sites': 'liste opp anlegg',
  'change sites': 'endre anlegg',
  'delete sites': 'slette anlegg',
  'import documents': 'importere dokumenter',
  'start match runs': 'starte matchingkjøringer',
  'read the learned adjustments': 'lese de lærte justeringene',
  'read indicators': 'lese indikatorer',
  'read barriers': 'lese barrierer',
  'read the network': 'lese nettverket',
  'read heat clusters': 'lese varmeklynger',
  'export the network': 'eksportere nettverket',
  'export indicators': 'eksportere indikatorer',
  'read the report': 'lese rapporten',
};

/** `you may not ${doing} ${what} '${id}'` (enforce and the review's own checks). */
const DOING: Record<string, (it: string) => string> = {
  change: (it) => `endre ${it}`,
  delete: (it) => `slette ${it}`,
  'delete with its sites and listings': (it) => `slette ${it} med anleggene og oppføringene`,
  'delete with its listings': (it) => `slette ${it} med oppføringene`,
  'add sites to': (it) => `legge til anlegg hos ${it}`,
  move: (it) => `endre statusen til ${it}`,
  assign: (it) => `tildele ${it}`,
  'record readiness of': (it) => `registrere modenheten til ${it}`,
  'record the outcome of': (it) => `registrere den gjennomførte utvekslingen for ${it}`,
  'add a note to': (it) => `legge til et notat på ${it}`,
  'read the audit trail of': (it) => `lese loggen til ${it}`,
  'read the prompts of': (it) => `lese oppstartstipsene til ${it}`,
  'read the diagnostics of': (it) => `lese diagnostikken for ${it}`,
};

/** The units of src/domain/units.ts by the names its messages give them. */
const UNIT_NAMES: Record<string, string> = {
  tonnes: 'tonn',
  kilotonnes: 'kilotonn',
  'megagrams, i.e. tonnes': 'megagram, altså tonn',
  kilograms: 'kilogram',
  grams: 'gram',
  milligrams: 'milligram',
  'watt-hours': 'wattimer',
  'milliwatt-hours': 'milliwattimer',
  'kilowatt-hours': 'kilowattimer',
  'megawatt-hours': 'megawattimer',
  'gigawatt-hours': 'gigawattimer',
  'terawatt-hours': 'terawattimer',
  gigajoules: 'gigajoule',
  terajoules: 'terajoule',
  'cubic metres': 'kubikkmeter',
  litres: 'liter',
  millilitres: 'milliliter',
  megalitres: 'megaliter',
  'square metres': 'kvadratmeter',
  decares: 'dekar',
  hectares: 'hektar',
  'square kilometres': 'kvadratkilometer',
  watts: 'watt',
  milliwatts: 'milliwatt',
  kilowatts: 'kilowatt',
  megawatts: 'megawatt',
  gigawatts: 'gigawatt',
  'litres per second': 'liter per sekund',
  'cubic metres per hour': 'kubikkmeter per time',
  'cubic metres per second': 'kubikkmeter per sekund',
};

/** The canonical units (src/domain/units.ts) as the app writes them in bokmål. */
const CANONICAL_UNITS: Record<string, string> = {
  't/yr': 't/år',
  'MWh/yr': 'MWh/år',
  'm3/yr': 'm³/år',
  m2: 'm²',
};

/** The bounds of src/domain/quantity-bounds.ts in words. */
const BOUND_WORDS: Record<string, string> = {
  '1 g a year': '1 g i året',
  '100 million tonnes a year': '100 millioner tonn i året',
  '1 Wh a year': '1 Wh i året',
  '1,000 TWh a year': '1 000 TWh i året',
  '1 mL a year': '1 mL i året',
  '10 km³ a year': '10 km³ i året',
  '1 cm²': '1 cm²',
  '10,000 km²': '10 000 km²',
};

/** NACE Rev. 2 / SN2007 levels (src/domain/industry-code.ts). */
const NACE_LEVELS: Record<string, string> = {
  section: 'hovedområde',
  division: 'næring',
  group: 'gruppe',
  class: 'klasse',
};

/** What a List of Waste prefix is (src/domain/listing-rules.ts), with its article. */
const WASTE_LEVELS: Record<string, string> = {
  code: 'en kode',
  'sub-chapter': 'et underkapittel',
  chapter: 'et kapittel',
};

/** zod's too_big / too_small on sized things: the thing, its unit (one, many), and the headings. */
const SIZED: Record<string, { noun: string; one: string; many: string; big: string; small: string }> = {
  string: { noun: 'teksten', one: 'tegn', many: 'tegn', big: 'For lang', small: 'For kort' },
  array: {
    noun: 'listen',
    one: 'element',
    many: 'elementer',
    big: 'For mange elementer',
    small: 'For få elementer',
  },
  set: {
    noun: 'mengden',
    one: 'element',
    many: 'elementer',
    big: 'For mange elementer',
    small: 'For få elementer',
  },
  map: {
    noun: 'oppslagstabellen',
    one: 'oppslag',
    many: 'oppslag',
    big: 'For mange oppslag',
    small: 'For få oppslag',
  },
  file: { noun: 'filen', one: 'byte', many: 'byte', big: 'For stor fil', small: 'For liten fil' },
};

/** zod's invalid_format names (FormatDictionary of the English locale) in bokmål. */
const FORMATS: Record<string, string> = {
  'email address': 'e-postadresse',
  URL: 'URL',
  emoji: 'emoji',
  UUID: 'UUID',
  UUIDv4: 'UUIDv4',
  UUIDv6: 'UUIDv6',
  nanoid: 'nanoid',
  GUID: 'GUID',
  cuid: 'cuid',
  cuid2: 'cuid2',
  ULID: 'ULID',
  XID: 'XID',
  KSUID: 'KSUID',
  'ISO datetime': 'ISO-tidspunkt (dato og klokkeslett)',
  'ISO date': 'ISO-dato (ÅÅÅÅ-MM-DD)',
  'ISO time': 'ISO-klokkeslett',
  'ISO duration': 'ISO-varighet',
  'IPv4 address': 'IPv4-adresse',
  'IPv6 address': 'IPv6-adresse',
  'MAC address': 'MAC-adresse',
  'IPv4 range': 'IPv4-område',
  'IPv6 range': 'IPv6-område',
  'base64-encoded string': 'base64-kodet tekst',
  'base64url-encoded string': 'base64url-kodet tekst',
  'JSON string': 'JSON-tekst',
  'E.164 number': 'E.164-nummer',
  'currency code': 'valutakode',
  'credit card number': 'kortnummer',
  IBAN: 'IBAN',
  JWT: 'JWT',
  // Formats the locale has no words for: it names them by their id.
  lowercase: 'tekst: må skrives med små bokstaver',
  uppercase: 'tekst: må skrives med store bokstaver',
  hostname: 'vertsnavn',
  hex: 'heksadesimal tekst',
};

/** Where zod found a bad key or value (invalid_key, invalid_element). */
const CONTAINERS: Record<string, string> = {
  record: 'objektet',
  map: 'oppslagstabellen',
  set: 'mengden',
  array: 'listen',
};

/** `a, b, c` with each item looked up; null when one is unknown. */
function listOf(dictionary: Readonly<Record<string, string>>, text: string): string | null {
  const items = text.split(', ').map((item) => wordOf(dictionary, item));
  return items.every((item) => item !== null) ? items.join(', ') : null;
}

const thingOf = (what: string | undefined): Thing | null =>
  what !== undefined && Object.hasOwn(THINGS, what) ? THINGS[what]! : null;

/** Instances of classes zod names by their constructor (`received Date`). */
const CLASSES: Record<string, string> = {
  Date: 'date',
  Map: 'map',
  Set: 'set',
  File: 'file',
  Promise: 'promise',
};

/**
 * A type word: zod's and validate.ts's type names, and the constructor name zod gives an instance
 * of a class (`Date`, or any `PascalCase` name, which is an object of that class).
 */
function typeOf(word: string | undefined): { bare: string; a: string } | null {
  if (word === undefined) return null;
  if (Object.hasOwn(TYPES, word)) return TYPES[word]!;
  if (Object.hasOwn(CLASSES, word)) return TYPES[CLASSES[word]!]!;
  return /^[A-Z][A-Za-z0-9_$]*$/.test(word) ? { bare: `objekt (${word})`, a: `et objekt (${word})` } : null;
}

/** A value as zod's stringifyPrimitive writes it: `"text"`, `3`, `2n`, `true`, `null`, … */
const PRIMITIVE = /^(".*"|-?\d[\d.e+-]*n?|-?Infinity|NaN|true|false|null|undefined|Symbol\(.*\))$/s;

// ---- Numbers -------------------------------------------------------------------------------

/**
 * A number as JavaScript writes it (`1234.5`, `-3`) in bokmål, with as many decimals: `1 234,5`.
 * Exponent forms keep their form with a decimal comma (`1.50e+9` → `1,50e+9`); numbers too long
 * to hold exactly stay as written.
 */
export function nbNumber(text: string): string {
  return formatNumber(text, { asWritten: true });
}

const nbUnit = (unit: string): string | null => wordOf(CANONICAL_UNITS, unit);

// ---- Composite parts -----------------------------------------------------------------------

/** `mWh/yr (milliwatt-hours), MWh/yr (megawatt-hours) or …`: the choices of an ambiguous unit. */
function unitChoices(text: string): string | null {
  const choices = [...text.matchAll(/(\S+) \(([^()]+)\)/g)].map((m) => ({ spelling: m[1]!, name: m[2]! }));
  if (choices.length < 2) return null;
  const english = choices.map((c) => `${c.spelling} (${c.name})`);
  if (`${english.slice(0, -1).join(', ')} or ${english.at(-1)}` !== text) return null;
  const names = choices.map((c) => wordOf(UNIT_NAMES, c.name));
  if (names.some((n) => n === null)) return null;
  const nb = choices.map((c, i) => `${c.spelling} (${names[i]})`);
  return `${nb.slice(0, -1).join(', ')} eller ${nb.at(-1)}`;
}

/** What text-safety.ts finds wrong with a string. */
function unsafeText(text: string): string | null {
  const nul = /^holds a NUL character \(U\+0000\) at position (\d+)$/.exec(text);
  if (nul) return `inneholder et NUL-tegn (U+0000) på posisjon ${nul[1]}`;
  const surrogate = /^holds an unpaired UTF-16 surrogate \((U\+[0-9A-F]{4})\) at position (\d+)$/.exec(text);
  if (surrogate) return `inneholder et uparet UTF-16-surrogat (${surrogate[1]}) på posisjon ${surrogate[2]}`;
  return null;
}

/** zod's `Too big: expected <origin> to have|be <adj><n>[ <unit>]`. */
function sizeProblem(big: boolean, origin: string, verb: 'have' | 'be', rest: string): string | null {
  const m = /^(exactly |<=|>=|<|>)(\S+)(?: (\S+))?$/.exec(rest);
  if (!m) return null;
  const [, adj, amount, unit] = m as unknown as [string, string, string, string | undefined];
  if (adj === (big ? '>=' : '<=') || adj === (big ? '>' : '<')) return null;
  const value = nbNumber(amount);
  if (verb === 'have') {
    const sized = SIZED[origin];
    if (!sized || unit === undefined) return null;
    const units = amount === '1' ? sized.one : sized.many;
    const how =
      adj === 'exactly '
        ? `må ha nøyaktig ${value}`
        : adj === '<='
          ? `kan ha høyst ${value}`
          : adj === '<'
            ? `må ha færre enn ${value}`
            : adj === '>='
              ? `må ha minst ${value}`
              : `må ha flere enn ${value}`;
    return `${big ? sized.big : sized.small}: ${sized.noun} ${how} ${units}`;
  }
  if (unit !== undefined) return null;
  if (origin === 'date') {
    const how =
      adj === 'exactly '
        ? `må være nøyaktig ${amount}`
        : adj === '<='
          ? `må være senest ${amount}`
          : adj === '<'
            ? `må være før ${amount}`
            : adj === '>='
              ? `må være tidligst ${amount}`
              : `må være etter ${amount}`;
    return `${big ? 'For sen dato' : 'For tidlig dato'}: ${how}`;
  }
  if (!['number', 'int', 'bigint', 'value'].includes(origin)) return null;
  const how =
    adj === 'exactly '
      ? `må være nøyaktig ${value}`
      : adj === '<='
        ? `kan være høyst ${value}`
        : adj === '<'
          ? `må være mindre enn ${value}`
          : adj === '>='
            ? `må være minst ${value}`
            : `må være større enn ${value}`;
  return `${big ? 'For høy verdi' : 'For lav verdi'}: ${how}`;
}

/** `you may not <doing> <what> '<id>'`: the doing and the thing, split at a thing the phrasebook knows. */
function mayNot(text: string, id: string): string | null {
  for (const [what, thing] of Object.entries(THINGS)) {
    if (!text.endsWith(` ${what}`)) continue;
    const doing = DOING[text.slice(0, -what.length - 1)];
    if (doing) return `du har ikke lov til å ${doing(`${thing.definite} '${id}'`)}`;
  }
  return null;
}

/** A quantity's value as the listing gives it: JavaScript's text of a number. */
const quantity = (value: string, unit: string) => `${nbNumber(value)} ${unit}`;

// ---- Phrases -------------------------------------------------------------------------------

/** Beside `{n}` and `{w}`: `{q}` a value in single quotes, `{*}` any text (as little as fits). */
const API_PLACEHOLDERS: Record<string, string> = {
  ...PLACEHOLDERS,
  '{q}': "'(.*?)'",
  '{*}': '(.+?)',
};

/** [template as the source writes it, its bokmål]; the first whose template and words fit wins. */
const PHRASE_LIST: [string, Render][] = [
  // ---- domain/validate.ts: describe() and issuesToDetails() --------------------------------
  ['is required ({w})', ([t]) => (typeOf(t) ? `er påkrevd (${typeOf(t)!.bare})` : null)],
  ['must be a finite number, got {w}', ([v]) => `må være et endelig tall, men er ${typeOf(v)?.a ?? v}`],
  [
    'must be {w}, got {w}',
    ([expected, got]) => {
      const [e, g] = [typeOf(expected), typeOf(got)];
      if (!e || !g) return null;
      if (expected === 'int' && got === 'number') return 'må være et heltall';
      // typeof says `object` of an array too: then the object is a list.
      if (expected === 'object' && got === 'object') return 'må være et objekt, ikke en liste';
      return expected === got ? `må være ${e.a} av riktig slag` : `må være ${e.a}, men er ${g.a}`;
    },
  ],
  ['is not a known field', () => 'er ikke et kjent felt'],
  ['{*} is not valid', ([what]) => wordOf(NOT_VALID, what)],

  // ---- zod 4's English locale (zod/v4/locales/en.js) --------------------------------------
  [
    'Invalid input: expected {w}, received {w}',
    ([expected, received]) => {
      const [e, r] = [typeOf(expected), typeOf(received)];
      if (!e || !r) return null;
      // An instance of the expected class that is not valid (an invalid Date).
      if (e.bare === r.bare) return `Ugyldig verdi: ${r.a} som ikke er gyldig`;
      return `Ugyldig verdi: forventet ${e.bare}, fikk ${r.bare}`;
    },
  ],
  ['Invalid input: more than one option matched', () => 'Ugyldig verdi: mer enn ett alternativ passer'],
  [
    'Invalid input: expected {*}',
    ([value]) => (PRIMITIVE.test(value!) ? `Ugyldig verdi: forventet ${value}` : null),
  ],
  ['Invalid input', () => 'Ugyldig verdi'],
  ['Invalid option: expected one of {*}', ([values]) => `Ugyldig valg: forventet én av ${values}`],
  ['Too big: expected {w} to have {*}', ([origin, rest]) => sizeProblem(true, origin!, 'have', rest!)],
  ['Too big: expected {w} to be {*}', ([origin, rest]) => sizeProblem(true, origin!, 'be', rest!)],
  ['Too small: expected {w} to have {*}', ([origin, rest]) => sizeProblem(false, origin!, 'have', rest!)],
  ['Too small: expected {w} to be {*}', ([origin, rest]) => sizeProblem(false, origin!, 'be', rest!)],
  ['Invalid string: must start with "{*}"', ([p]) => `Ugyldig tekst: må begynne med "${p}"`],
  ['Invalid string: must end with "{*}"', ([s]) => `Ugyldig tekst: må slutte med "${s}"`],
  ['Invalid string: must include "{*}"', ([s]) => `Ugyldig tekst: må inneholde "${s}"`],
  ['Invalid string: must match pattern {*}', ([p]) => `Ugyldig tekst: må passe med mønsteret ${p}`],
  [
    'Invalid number: must be a multiple of {n}',
    ([d]) => `Ugyldig tall: må være et multiplum av ${nbNumber(d!)}`,
  ],
  ['Unrecognized key: {*}', ([key]) => `Ukjent felt: ${key}`],
  ['Unrecognized keys: {*}', ([keys]) => `Ukjente felt: ${keys}`],
  [
    'Invalid key in {w}',
    ([origin]) => {
      const where = wordOf(CONTAINERS, origin);
      return where && `Ugyldig nøkkel i ${where}`;
    },
  ],
  [
    'Invalid value in {w}',
    ([origin]) => {
      const where = wordOf(CONTAINERS, origin);
      return where && `Ugyldig verdi i ${where}`;
    },
  ],
  ['Invalid discriminator value. Expected {*}', ([options]) => `Ugyldig typeverdi: forventet ${options}`],
  [
    'Invalid {*}',
    ([format]) => {
      const name = wordOf(FORMATS, format);
      if (name) return `Ugyldig ${name}`;
      // A format the locale names by its bare id (sha256_hex, …).
      return /^[a-z][a-z0-9_]*$/.test(format!) ? `Ugyldig format (${format})` : null;
    },
  ],

  // ---- Field checks of the domain's schemas (src/domain/*.ts) -----------------------------
  ['must not be blank', () => 'kan ikke stå tomt'],
  ['must be greater than 0', () => 'må være større enn 0'],
  ['must be a phone number', () => 'må være et telefonnummer'],
  [
    'may hold letters, digits and _ . : @ / - only',
    () => 'kan bare inneholde bokstaver, sifre og _ . : @ / -',
  ],
  [
    'must be an SN2007/NACE code such as 24.420 (division 2 digits, then up to 3 more)',
    () => 'må være en SN2007/NACE-kode som 24.420 (næringen med 2 sifre, deretter opptil 3 til)',
  ],
  [
    'must be a Norwegian organisation number: 9 digits with a valid mod-11 check digit',
    () => 'må være et norsk organisasjonsnummer: 9 sifre med gyldig kontrollsiffer (modulus 11)',
  ],
  ['must be an ISO 3166 alpha-2 country code', () => 'må være en landkode etter ISO 3166 alpha-2'],
  [
    'is required for a Norwegian company (country NO); it is optional for foreign companies',
    () => 'er påkrevd for en norsk bedrift (land NO); for utenlandske bedrifter er det valgfritt',
  ],
  [
    'must be a List of Waste code: 6 digits, or a 2/4-digit prefix',
    () => 'må være en kode fra avfallslisten: 6 sifre, eller et prefiks på 2 eller 4 sifre',
  ],
  [
    'must be a List of Waste code or a 2/4-digit prefix',
    () => 'må være en kode fra avfallslisten eller et prefiks på 2 eller 4 sifre',
  ],
  ['must be at most 1e8 kW (100 GW)', () => 'kan være høyst 1e8 kW (100 GW)'],
  ['must be at most 1e12 (factors are relative)', () => 'kan være høyst 1e12 (faktorene er relative)'],
  ['must have 12 monthly factors, January first', () => 'må ha 12 månedsfaktorer, januar først'],
  [
    'is required for a {w} listing',
    ([kind]) => {
      const k = wordOf(KINDS, kind);
      return k && `er påkrevd for en oppføring av typen ${k}`;
    },
  ],
  [
    'is not allowed on a {w} listing',
    ([kind]) => {
      const k = wordOf(KINDS, kind);
      return k && `er ikke tillatt på en oppføring av typen ${k}`;
    },
  ],
  ['must not be before availableFrom', () => 'kan ikke være før availableFrom'],
  ['needs wasteCodes or a category', () => 'må ha wasteCodes eller en kategori'],
  [
    'an offer names full 6-digit codes; prefixes are for needs',
    () => 'et tilbud oppgir hele koder på 6 sifre; prefikser er for behov',
  ],
  ['applies to needs only', () => 'gjelder bare behov'],
  ['applies to offers only', () => 'gjelder bare tilbud'],
  ['is required when formRequired is true', () => 'må oppgis når formRequired er true'],
  [
    'must not be false when acceptsHazardous is true (a permit for hazardous waste is a waste permit)',
    () =>
      'kan ikke være false når acceptsHazardous er true (en tillatelse for farlig avfall er en avfallstillatelse)',
  ],
  [
    'must be below supplyTemperatureC for a heat carrier',
    () => 'må være lavere enn supplyTemperatureC for en varmebærer',
  ],
  [
    'a heat-pump source is low-temperature water: carrier hot-water or cooling-water',
    () => 'en varmekilde for varmepumpe er lavtemperert vann: energibærer hot-water eller cooling-water',
  ],
  ['is required with lat, lon and radiusKm together', () => 'er påkrevd: lat, lon og radiusKm oppgis sammen'],
  [
    'must be a county (2 digits) or municipality (4 digits) number, or all',
    () => 'må være et fylkesnummer (2 sifre) eller kommunenummer (4 sifre), eller all',
  ],
  [
    'must be a county (2 digits) or municipality (4 digits) number',
    () => 'må være et fylkesnummer (2 sifre) eller kommunenummer (4 sifre)',
  ],
  ['only business users act for companies', () => 'bare bedriftsbrukere handler for bedrifter'],
  [
    'a facilitator needs at least one region (a county or municipality number, or all)',
    () => 'en tilrettelegger trenger minst én region (et fylkes- eller kommunenummer, eller all)',
  ],
  ['only facilitators are bound to regions', () => 'bare tilretteleggere er knyttet til regioner'],
  ["'all' stands alone", () => "'all' må stå alene"],
  ['must not be before startDate', () => 'kan ikke være før startDate'],
  ["'not-interested' needs a reason code", () => "'not-interested' krever en begrunnelseskode"],
  ["'interested' takes no reason", () => "'interested' tar ingen begrunnelse"],

  // ---- Reference checks (listing-rules.ts, units.ts, quantity-bounds.ts, industry-code.ts) ---
  [
    '{q} is not a {*} of the European List of Waste',
    ([code, level]) => {
      const what = wordOf(WASTE_LEVELS, level);
      return what && `'${code}' er ikke ${what} i den europeiske avfallslisten`;
    },
  ],
  [
    '{q} is not a material category (see GET /taxonomy/material-categories)',
    ([c]) => `'${c}' er ikke en materialkategori (se GET /taxonomy/material-categories)`,
  ],
  [
    '{q} is not a known hourly profile; known: {*}',
    ([p, known]) => `'${p}' er ikke en kjent timeprofil; kjente: ${known}`,
  ],
  [
    '{q} is ambiguous: write {*}',
    ([typed, choices]) => {
      const nb = unitChoices(choices!);
      return nb && `'${typed}' er tvetydig: skriv ${nb}`;
    },
  ],
  [
    '{q} is not a unit of the form amount[/period]',
    ([u]) => `'${u}' er ikke en enhet på formen mengde[/periode]`,
  ],
  [
    '{q} is not a known unit for {w}; use one of {*}',
    ([u, kind, known]) => {
      const k = wordOf(KINDS, kind);
      return k && `'${u}' er ikke en kjent enhet for ${k}; bruk en av ${known}`;
    },
  ],
  ['land area has no period', () => 'areal har ingen periode'],
  [
    '{q} is not a known period (h, day, week, month, yr)',
    ([p]) => `'${p}' er ikke en kjent periode (h, day, week, month, yr)`,
  ],
  ['period {q} contradicts unit {q}', ([p, u]) => `perioden '${p}' stemmer ikke med enheten '${u}'`],
  ['{q} needs a period, e.g. {q}', ([u, e]) => `'${u}' trenger en periode, f.eks. '${e}'`],
  [
    '{n} {*} comes to more {w} than a number can hold; check the value and the unit',
    ([v, u, cu]) => {
      const c = nbUnit(cu!);
      return c && `${quantity(v!, u!)} blir mer ${c} enn et tall kan romme; sjekk verdien og enheten`;
    },
  ],
  [
    '{n} {*} comes to {n} {w}, more than the {w} {w} ({*}) one listing may hold; check the value and the unit',
    ([v, u, amount, cu, bound, cu2, words]) => {
      const [c, w] = [nbUnit(cu!), wordOf(BOUND_WORDS, words)];
      if (cu !== cu2) return null;
      return (
        c &&
        w &&
        `${quantity(v!, u!)} blir ${nbNumber(amount!)} ${c}, mer enn de ${bound} ${c} (${w}) én oppføring kan ha; sjekk verdien og enheten`
      );
    },
  ],
  [
    '{n} {*} comes to {n} {w}, less than the {w} {w} ({*}) a listing must hold; check the value and the unit',
    ([v, u, amount, cu, bound, cu2, words]) => {
      const [c, w] = [nbUnit(cu!), wordOf(BOUND_WORDS, words)];
      if (cu !== cu2) return null;
      return (
        c &&
        w &&
        `${quantity(v!, u!)} blir ${nbNumber(amount!)} ${c}, mindre enn de ${bound} ${c} (${w}) en oppføring må ha; sjekk verdien og enheten`
      );
    },
  ],
  [
    "{q}: {*} in NACE Rev. 2 / SN2007 (the 5th digit is SN2007's national subclass and is not checked)",
    ([code, where]) => {
      const nb = naceWhere(where!);
      return (
        nb &&
        `'${code}': ${nb} i NACE Rev. 2 / SN2007 (det 5. sifferet er SN2007s nasjonale undergruppe og kontrolleres ikke)`
      );
    },
  ],
  [
    '{q}: {*} in NACE Rev. 2 / SN2007',
    ([code, where]) => {
      const nb = naceWhere(where!);
      return nb && `'${code}': ${nb} i NACE Rev. 2 / SN2007`;
    },
  ],
  ['the field name {*}', ([reason]) => unsafeText(reason!) && `feltnavnet ${unsafeText(reason!)}`],
  ['{*}', ([text]) => unsafeText(text!)],

  // ---- A site's typed municipality against its coordinates (domain/regions.ts) ------------
  [
    "the coordinates lie in no Norwegian municipality, but '{*}' was typed",
    ([typed]) => `koordinatene ligger ikke i noen norsk kommune, men '${typed}' ble skrevet inn`,
  ],
  ['agrees with the coordinates ({*}, {w})', ([name, code]) => `stemmer med koordinatene (${name}, ${code})`],
  [
    "'{*}' was typed, but the coordinates lie in {*} ({w}); the region codes follow the coordinates",
    ([typed, name, code]) =>
      `'${typed}' ble skrevet inn, men koordinatene ligger i ${name} (${code}); regionkodene følger koordinatene`,
  ],

  // ---- The review (domain/review.ts, services/review.ts) ----------------------------------
  ['no transition leads to {q}', ([to]) => `ingen statusendring fører til '${to}'`],
  [
    '{q} is for: {*} (a business answers with POST /suggestions/{id}/responses)',
    ([to, roles]) => {
      const r = listOf(ROLES, roles!);
      return r && `'${to}' er for: ${r} (en bedrift svarer med POST /suggestions/{id}/responses)`;
    },
  ],
  [
    '{q} is for: {*}',
    ([to, roles]) => {
      const r = listOf(ROLES, roles!);
      return r && `'${to}' er for: ${r}`;
    },
  ],
  [
    'a suggestion that is {q} cannot become {q} (it is closed)',
    ([from, to]) => `et forslag som er '${from}', kan ikke bli '${to}' (det er avsluttet)`,
  ],
  [
    'a suggestion that is {q} cannot become {q}; it can become: {*}',
    ([from, to, next]) => {
      const states = listOf(STATES, next!);
      return states && `et forslag som er '${from}', kan ikke bli '${to}'; det kan bli: ${states}`;
    },
  ],
  ['{q} needs a reason code', ([to]) => `'${to}' krever en begrunnelseskode`],
  ['{q} takes no reason code', ([to]) => `'${to}' tar ingen begrunnelseskode`],
  [
    '{q} records the realised exchange: outcome is required',
    ([to]) => `'${to}' registrerer den gjennomførte utvekslingen: outcome er påkrevd`,
  ],
  [
    "only 'implemented' takes an outcome",
    () => "bare 'implemented' tar imot en gjennomført utveksling (outcome)",
  ],
  [
    'the suggestion is {q}: it takes no more answers',
    ([state]) => `forslaget er '${state}': det tar ikke imot flere svar`,
  ],
  ['the suggestion is agreed already', () => 'forslaget er allerede avtalt'],
  [
    'facilitators act on suggestions with a site in their regions; admins on any',
    () => 'tilretteleggere behandler forslag med et anlegg i sine regioner; administratorer alle forslag',
  ],
  [
    'you sent version {n}; the current version is {n}: read it again',
    ([seen, current]) => `du sendte versjon ${seen}; gjeldende versjon er ${current}: les det på nytt`,
  ],
  ['say which side you answer for', () => 'si hvilken side du svarer for'],
  [
    'you act for both companies of this suggestion: offer or need',
    () => 'du handler for begge bedriftene i dette forslaget: oppgi offer (tilbud) eller need (behov)',
  ],
  [
    'you do not act for the {w} side of suggestion {q}',
    ([side, id]) => {
      const s = side === 'offer' ? 'tilbudssiden' : side === 'need' ? 'behovssiden' : null;
      return s && `du handler ikke for ${s} av forslaget '${id}'`;
    },
  ],
  [
    'you answer for: {*}',
    ([sides]) => {
      const s = listOf(SIDES, sides!);
      return s && `du svarer for: ${s}`;
    },
  ],
  [
    "must be a facilitator of one of the suggestion's regions, or an admin, who can sign in now (GET /suggestions/{id}/assignable lists them)",
    () =>
      'må være en tilrettelegger i en av forslagets regioner, eller en administrator, som kan logge inn nå (GET /suggestions/{id}/assignable viser dem)',
  ],
  [
    'readiness is recorded once a suggestion is introduced; it is {q}',
    ([state]) => `modenhet registreres når et forslag er introdusert; det er '${state}'`,
  ],
  [
    'allowed in: {*}',
    ([states]) => {
      const s = listOf(STATES, states!);
      return s && `tillatt i: ${s}`;
    },
  ],
  [
    'an outcome is changed once a suggestion is implemented; it is {q}',
    ([state]) => `en gjennomført utveksling kan bare endres når forslaget er gjennomført; det er '${state}'`,
  ],
  [
    "move it to 'implemented' with its outcome first",
    () => "flytt det først til 'implemented' med den gjennomførte utvekslingen",
  ],
  [
    'for its businesses, the facilitators of its regions and admins',
    () => 'for forslagets bedrifter, tilretteleggerne i dets regioner og administratorer',
  ],
  ['must be states separated by commas: {*}', ([states]) => `må være statuser skilt med komma: ${states}`],

  // ---- Who may (errors.ts, services/authorize.ts and the services' own checks) -------------
  [
    '{*} {q} does not exist',
    ([what, id]) => {
      const t = thingOf(what);
      return t && `${t.definite} '${id}' finnes ikke`;
    },
  ],
  [
    'no {*} with this id',
    ([what]) => {
      const t = thingOf(what);
      return t && `ingen ${t.bare} med denne id-en`;
    },
  ],
  ['you may not {*} {q}', ([doing, id]) => mayNot(doing!, id!)],
  [
    'your role may not call {w} {*}',
    ([method, path]) => `rollen din har ikke lov til å kalle ${method} ${path}`,
  ],
  [
    'your role may not {*}',
    ([doing]) => {
      const d = wordOf(ROLE_DOING, doing);
      return d && `rollen din har ikke lov til å ${d}`;
    },
  ],
  [
    'allowed for: {*}',
    ([roles]) => {
      const r = listOf(ROLES, roles!);
      return r && `tillatt for: ${r}`;
    },
  ],
  [
    'your role or your companies and regions do not allow it',
    () => 'rollen din eller bedriftene og regionene dine gir ikke lov til det',
  ],
  [
    '{*} {q} has changed since you read it',
    ([what, id]) => {
      const t = thingOf(what);
      return t && `${t.definite} '${id}' er endret siden du leste ${t.pronoun}`;
    },
  ],
  [
    'the current version is {n}; read it again and retry',
    ([current]) => `gjeldende versjon er ${current}; les på nytt og prøv igjen`,
  ],
  [
    '{*} {q} is being changed by others; try again',
    ([what, id]) => {
      const t = thingOf(what);
      return t && `${t.definite} '${id}' endres av andre akkurat nå; prøv igjen`;
    },
  ],
  ['sign in with a bearer token', () => 'logg inn med et bearer-token'],
  [
    'the bearer token is not valid (unknown, expired or revoked)',
    () => 'bearer-tokenet er ikke gyldig (ukjent, utløpt eller trukket tilbake)',
  ],
  ['only admins manage users', () => 'bare administratorer forvalter brukere'],

  // ---- Accounts over the API (services/users.ts) ----------------------------------------------
  [
    'only admins and facilitators manage users',
    () => 'bare administratorer og tilretteleggere forvalter brukere',
  ],
  ['facilitators add business users only', () => 'tilretteleggere kan bare legge til bedriftsbrukere'],
  ['a facilitator may add business users only', () => 'en tilrettelegger kan bare legge til bedriftsbrukere'],
  ['name at least one company you act for', () => 'velg minst én bedrift du handler for'],
  ['you do not act for company {q}', ([id]) => `du handler ikke for bedriften '${id}'`],
  [
    'you may add users only for companies you act for',
    () => 'du kan bare legge til brukere for bedrifter du handler for',
  ],
  ['company {q} is named twice', ([id]) => `bedriften '${id}' er valgt to ganger`],
  [
    'user {q} is disabled; it gets no new token',
    ([id]) => `brukeren '${id}' er deaktivert; den får ingen ny nøkkel`,
  ],
  ['the user is disabled', () => 'brukeren er deaktivert'],
  [
    'user {q} already holds {n} valid tokens; revoke one first',
    ([id, n]) => `brukeren '${id}' har allerede ${nbNumber(n!)} gyldige nøkler; trekk tilbake én først`,
  ],
  ['at most {n} valid tokens per user', ([n]) => `høyst ${nbNumber(n!)} gyldige nøkler per bruker`],
  [
    'only admins revoke a token by its id alone',
    () => 'bare administratorer kan trekke tilbake en nøkkel bare ved id-en',
  ],
  [
    'no other admin can sign in; make another admin before disabling this one',
    () => 'ingen annen administrator kan logge inn; opprett en annen administrator før du deaktiverer denne',
  ],
  ['the last admin who can sign in', () => 'den siste administratoren som kan logge inn'],
  [
    'no admin could sign in without this token; make another token or admin first',
    () =>
      'ingen administrator kunne logget inn uten denne nøkkelen; lag en ny nøkkel eller en annen administrator først',
  ],
  [
    'the last valid token of the last admin who can sign in',
    () => 'den siste gyldige nøkkelen til den siste administratoren som kan logge inn',
  ],
  [
    '{q} is no Norwegian county or municipality number',
    ([code]) => `'${code}' er ikke et norsk fylkes- eller kommunenummer`,
  ],
  ['no company {q}', ([id]) => `ingen bedrift '${id}'`],

  // ---- Companies, sites and listings (services/companies.ts, sites.ts, listings.ts) --------
  [
    'organisation number {w} is already registered',
    ([n]) => `organisasjonsnummeret ${n} er allerede registrert`,
  ],
  [
    'is registered to another company; ask a facilitator if it is yours',
    () => 'er registrert på en annen bedrift; spør en tilrettelegger hvis det er ditt',
  ],
  ['is registered to another company', () => 'er registrert på en annen bedrift'],
  ['you already have a company with ref {q}', ([ref]) => `du har allerede en bedrift med ref '${ref}'`],
  ['is already used by another of your companies', () => 'er allerede brukt av en annen av bedriftene dine'],
  [
    'company {*} still has {n} site(s) and {n} listing(s)',
    ([id, sites, listings]) =>
      `bedriften ${id} har fortsatt ${sites} anlegg og ${listings} ${listings === '1' ? 'oppføring' : 'oppføringer'}`,
  ],
  [
    'pass cascade=true to delete the company with its sites and listings',
    () => 'send cascade=true for å slette bedriften med anleggene og oppføringene',
  ],
  [
    'site {*} still has {n} listing(s)',
    ([id, listings]) =>
      `anlegget ${id} har fortsatt ${listings} ${listings === '1' ? 'oppføring' : 'oppføringer'}`,
  ],
  [
    'pass cascade=true to delete the site with its listings',
    () => 'send cascade=true for å slette anlegget med oppføringene',
  ],
  [
    'the company already has a site with ref {q}',
    ([ref]) => `bedriften har allerede et anlegg med ref '${ref}'`,
  ],
  [
    'is already used by another site of this company',
    () => 'er allerede brukt av et annet anlegg hos denne bedriften',
  ],
  ['the site lies outside your regions', () => 'anlegget ligger utenfor regionene dine'],
  [
    'a facilitator places sites in its own counties or municipalities only',
    () => 'en tilrettelegger kan bare plassere anlegg i egne fylker eller kommuner',
  ],
  [
    'the company already has a listing with ref {q}',
    ([ref]) => `bedriften har allerede en oppføring med ref '${ref}'`,
  ],
  [
    'is already used by another listing of this company',
    () => 'er allerede brukt av en annen oppføring hos denne bedriften',
  ],
  [
    'no site with id {q} among the sites you act for',
    ([id]) => `det finnes ikke noe anlegg med id '${id}' blant anleggene du handler for`,
  ],
  [
    'a listing moves only between sites of its own company',
    () => 'en oppføring kan bare flyttes mellom anlegg hos sin egen bedrift',
  ],

  // ---- Matching and analytics (services/match-runs.ts, analytics-scope.ts, …) -------------
  [
    'a facilitator runs matching over one of its regions',
    () => 'en tilrettelegger kjører matching over én av sine regioner',
  ],
  [
    'must be one of your regions: {*} (or a municipality in them)',
    ([regions]) => `må være en av regionene dine: ${regions} (eller en kommune i dem)`,
  ],
  ['must be one of your regions: {*}', ([regions]) => `må være en av regionene dine: ${regions}`],
  [
    'a facilitator reads the analytics of one of its regions',
    () => 'en tilrettelegger leser analysene for én av sine regioner',
  ],
  ['no such region', () => 'regionen finnes ikke'],
  ['{q} is no county or municipality number', ([code]) => `'${code}' er ikke et fylkes- eller kommunenummer`],
  ['must be minLon,minLat,maxLon,maxLat in degrees', () => 'må være minLon,minLat,maxLon,maxLat i grader'],
  [
    'must lie within -180..180 longitude and -90..90 latitude',
    () => 'må ligge innenfor -180..180 lengdegrad og -90..90 breddegrad',
  ],
  ['must have min before max on both axes', () => 'må ha min før max på begge aksene'],
  ['give a box or a circle, not both', () => 'oppgi et rektangel eller en sirkel, ikke begge'],
  ['must be after from', () => 'må være etter from'],
  ['no such table', () => 'tabellen finnes ikke'],
  ['must be one of: {*}', ([names]) => `må være en av: ${names}`],
  [
    'must be a table name such as realised or breakdown-by-county',
    () => 'må være et tabellnavn, for eksempel realised eller breakdown-by-county',
  ],
  ['must be a municipality number (4 digits)', () => 'må være et kommunenummer (4 sifre)'],
  ['must be 1 to 6 digits', () => 'må være 1 til 6 sifre'],
  ['unknown factor set', () => 'ukjent faktorsett'],
  [
    'match run {q} is in progress; start another when it has ended',
    ([id]) => `matchingkjøringen '${id}' pågår; start en ny når den er ferdig`,
  ],
  ['match run {q} is no longer running', ([id]) => `matchingkjøringen '${id}' kjører ikke lenger`],
  ['the run lock could not be taken', () => 'kjørelåsen kunne ikke tas'],
  ['at least one weight must be positive', () => 'minst én vekt må være positiv'],
  ['must be {w}: the engine computes with it', ([unit]) => `må være ${unit}: beregningene bruker den`],

  // ---- Imports (services/import.ts, csv-import.ts, util/csv.ts, evaluate.ts) --------------
  [
    'a document needs companies, listings or both',
    () => 'et dokument må ha bedrifter, oppføringer eller begge',
  ],
  ['duplicates the ref of row {n}', ([row]) => `har samme ref som rad ${row}`],
  ['duplicates the orgNumber of row {n}', ([row]) => `har samme orgNumber som rad ${row}`],
  [
    'site ref {q} is used twice in this document',
    ([ref]) => `anleggsref '${ref}' er brukt to ganger i dette dokumentet`,
  ],
  [
    'you do not act for the company with ref {q}',
    ([ref]) => `du handler ikke for bedriften med ref '${ref}'`,
  ],
  [
    'site {q} belongs to company row {n}, which was rejected',
    ([ref, row]) => `anlegget '${ref}' hører til bedriftsrad ${row}, som ble avvist`,
  ],
  [
    'site {q} of this document belongs to {q}',
    ([ref, company]) => `anlegget '${ref}' i dette dokumentet hører til '${company}'`,
  ],
  [
    'no site with ref {q} in this document or among the companies you act for',
    ([ref]) => `ingen anlegg med ref '${ref}' i dette dokumentet eller hos bedriftene du handler for`,
  ],
  [
    'several companies you act for have a site with ref {q}: name the company',
    ([ref]) => `flere bedrifter du handler for, har et anlegg med ref '${ref}': oppgi bedriften`,
  ],
  ['is not a known column', () => 'er ikke en kjent kolonne'],
  ['the CSV files cannot be imported as they are', () => 'CSV-filene kan ikke importeres slik de er'],
  [
    'a quoted cell starts in this row and its closing quote never comes, so every line after it would be read into that cell',
    () =>
      'en celle i anførselstegn begynner i denne raden, men det avsluttende anførselstegnet kommer aldri, så alle linjene etter den ville blitt lest inn i den cellen',
  ],
  [
    'has {*} cells where the header has {*}; a row needs one cell per column (quote a cell that holds the delimiter)',
    ([cells, header]) =>
      `har ${cells} celler der overskriftsraden har ${header === 'another number' ? 'et annet antall' : header}; en rad trenger én celle per kolonne (sett en celle som inneholder skilletegnet, i anførselstegn)`,
  ],
  [
    'a quoted cell goes on after its closing quote; quote the whole cell and double any quote inside it',
    () =>
      'en celle i anførselstegn fortsetter etter det avsluttende anførselstegnet; sett hele cellen i anførselstegn og doble alle anførselstegn inni den',
  ],
  ['evaluation needs an empty database', () => 'evalueringen krever en tom database'],
  [
    'holds {n} companies and {n} listings',
    ([companies, listings]) => `inneholder ${companies} bedrifter og ${listings} oppføringer`,
  ],
  ['the case file has invalid rows', () => 'evalueringsfilen har ugyldige rader'],
  ['the case file is not consistent', () => 'evalueringsfilen henger ikke sammen'],
  [
    'no company with ref {q} in this document',
    ([ref]) => `ingen bedrift med ref '${ref}' i dette dokumentet`,
  ],
  [
    'no listing with ref {q} in this document',
    ([ref]) => `ingen oppføring med ref '${ref}' i dette dokumentet`,
  ],
  ['a stream names both its offer and its need', () => 'en strøm oppgir både tilbudet og behovet sitt'],
  [
    'listing {q} is {w} {w}, not {w} {w}',
    ([ref, , is, , not]) => {
      const [a, b] = [wordOf(SIDES, is), wordOf(SIDES, not)];
      return a && b && `oppføringen '${ref}' er et ${a}, ikke et ${b}`;
    },
  ],
  [
    'listing {q} belongs to {q}, not to {q} ({w})',
    ([ref, owner, wanted, side]) =>
      side === 'from' || side === 'to'
        ? `oppføringen '${ref}' hører til '${owner}', ikke til '${wanted}' (${side})`
        : null,
  ],
  ['no company with ref {q} in this case', ([ref]) => `ingen bedrift med ref '${ref}' i denne evalueringen`],

  // ---- The HTTP layer (http/app.ts, http/auth.ts) -----------------------------------------
  ['send the body as application/json', () => 'send innholdet som application/json'],
  [
    'is {q}, expected application/json',
    ([type]) =>
      type === 'missing' ? 'mangler, forventet application/json' : `er '${type}', forventet application/json`,
  ],
  [
    'the request holds text that cannot be stored',
    () => 'forespørselen inneholder tekst som ikke kan lagres',
  ],
  ['If-Match must name a version', () => 'If-Match må oppgi en versjon'],
  [
    'must be an ETag this service gave, e.g. "3"',
    () => 'må være en ETag denne tjenesten har gitt, f.eks. "3"',
  ],
  ['too many changes; slow down', () => 'for mange endringer; vent litt'],
  [
    'too many imports or match runs; slow down',
    () => 'for mange importer eller matchingkjøringer; vent litt',
  ],
  ['at most {n} per minute per caller', ([n]) => `høyst ${n} per minutt per bruker`],
  ['{w} is not allowed on {*}', ([method, path]) => `${method} er ikke tillatt på ${path}`],
  ['allowed: {*}', ([methods]) => `tillatt: ${methods}`],
  ['no route for {w} {*}', ([method, path]) => `ingen rute for ${method} ${path}`],
  ['see /openapi.json', () => 'se /openapi.json'],
  [
    'the database did not answer within {n} ms; try again in a few seconds',
    ([ms]) => `databasen svarte ikke innen ${ms} ms; prøv igjen om noen sekunder`,
  ],
  ['the body is not valid JSON', () => 'innholdet er ikke gyldig JSON'],
  ['parse error', () => 'tolkningsfeil'],
  ['the body is too large', () => 'innholdet er for stort'],
  ['exceeds the size limit', () => 'er over størrelsesgrensen'],
  ['unsupported body encoding', () => 'innholdets koding støttes ikke'],
  ['bad request', () => 'ugyldig forespørsel'],
  [
    'internal error; the request id names it in our logs',
    () => 'intern feil; forespørselens id finnes i loggene våre',
  ],
  ['internal error', () => 'intern feil'],
  [
    'the Authorization header must be "Bearer <token>"',
    () => 'Authorization-headeren må være "Bearer <token>"',
  ],
  ['is not a bearer token', () => 'er ikke et bearer-token'],
  // RUN_IN_PROGRESS names the run as its detail: an id, the same in every language.
  ['{w}', ([id]) => (/^(co|si|li|run|sg|usr|tok)_[0-9a-f]{32}$/.test(id!) ? id! : null)],
];

/** NACE: `group 24.4 has no class 24.49`, `04 is not a division`. */
function naceWhere(text: string): string | null {
  const missing = /^(\S+) (\S+) has no (\S+) (\S+)$/.exec(text);
  if (missing) {
    const [parent, level] = [wordOf(NACE_LEVELS, missing[1]), wordOf(NACE_LEVELS, missing[3])];
    return parent && level && `${parent} ${missing[2]} har ingen ${level} ${missing[4]}`;
  }
  const division = /^(\S+) is not a division$/.exec(text);
  return division ? `${division[1]} er ikke en næring` : null;
}

const PHRASES = phrasesOf(PHRASE_LIST, API_PLACEHOLDERS);

/** The English templates the phrasebook knows, as the source writes them (for the tests). */
export const API_TEMPLATES: readonly string[] = PHRASES.map((p) => p.template);

/** Which template translates a message (for the tests); null when none does. */
export function apiTemplateOf(message: string): string | null {
  return findPhrase(PHRASES, message)?.template ?? null;
}

/** The bokmål of an API message; null when the phrasebook has none. */
export function translateApiText(message: string): string | null {
  return message === '' ? '' : (findPhrase(PHRASES, message)?.text ?? null);
}

/** Whether the phrasebook has a bokmål rendering of an API message. */
export function translatesApiText(message: string): boolean {
  return translateApiText(message) !== null;
}

/** An API message in the language: bokmål when the phrasebook knows it, else as the API wrote it. */
export function apiText(message: string, lang: 'nb' | 'en'): string {
  return inLanguage(translateApiText, message, lang);
}

/** apiText with the language of what it returns: `lang: 'en'` when bokmål fell back to English. */
export function apiTextOf(message: string, lang: 'nb' | 'en'): { text: string; lang?: 'en' } {
  return withLanguage(translateApiText, message, lang);
}
