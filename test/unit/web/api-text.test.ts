/**
 * The app's bokmål for the API's refusals (web/src/i18n/api-text.ts). The messages checked here
 * are made the way the service makes them: real zod issues of the project's schemas through
 * issuesToDetails, the domain's own checks, zod's English locale, and every message literal the
 * source holds, so a message added later without a bokmål rendering fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROLES } from '../../../src/domain/caller.ts';
import { CompanyInputSchema, CompanyPatchSchema } from '../../../src/domain/company.ts';
import { checkIndustryCode } from '../../../src/domain/industry-code.ts';
import { type ListingInput, ListingInputSchema, ListingPatchSchema } from '../../../src/domain/listing.ts';
import { LISTING_KINDS } from '../../../src/domain/listing-kinds.ts';
import { ListingQuerySchema } from '../../../src/domain/listing-query.ts';
import { checkListingReference } from '../../../src/domain/listing-rules.ts';
import { checkMunicipality } from '../../../src/domain/regions.ts';
import {
  AssignmentSchema,
  checkTransition,
  FeedSeenSchema,
  NoteSchema,
  OutcomeChangeSchema,
  REVIEW_STATES,
  ReadinessSchema,
  ResponseSchema,
  type ReviewRecord,
  respond,
  TransitionSchema,
} from '../../../src/domain/review.ts';
import { SiteInputSchema, SitePatchSchema } from '../../../src/domain/site.ts';
import { MatchRunRequestSchema } from '../../../src/domain/suggestion.ts';
import { SuggestionQuerySchema } from '../../../src/domain/suggestion-query.ts';
import { unsafeTextDetails } from '../../../src/domain/text-safety.ts';
import { toCanonical } from '../../../src/domain/units.ts';
import { UserInputSchema } from '../../../src/domain/user.ts';
import { issuesToDetails } from '../../../src/domain/validate.ts';
import { notFound, runInProgress } from '../../../src/errors.ts';
import { loadReferenceData } from '../../../src/reference/load.ts';
import { loadRegions } from '../../../src/reference/regions.ts';
import { API_TEMPLATES, apiText, apiTextOf, translatesApiText } from '../../../web/src/i18n/api-text.ts';

const ROOT = join(import.meta.dirname, '../../..');
const NBSP = '\u00a0';

/** English words a bokmål message must not hold (padded, lower case). */
const ENGLISH = [
  ' the ',
  ' is ',
  ' must ',
  ' expected ',
  ' required ',
  ' received ',
  ' got ',
  ' not ',
  ' and ',
  ' or ',
  ' of ',
  ' with ',
  ' should ',
  ' have ',
];

/** Every message is translated, differs from the English and holds none of the stop words. */
function expectBokmal(messages: Iterable<string>): void {
  for (const message of new Set(messages)) {
    expect(translatesApiText(message), `no bokmål for: ${message}`).toBe(true);
    const nb = apiText(message, 'nb');
    expect(nb, `left in English: ${message}`).not.toBe(message);
    const padded = ` ${nb.toLowerCase()} `;
    for (const word of ENGLISH) expect(padded, `"${message}" → "${nb}"`).not.toContain(word);
  }
}

// ---- Real issues of the project's schemas ------------------------------------------------------

const detailsOf = (schema: z.ZodType, input: unknown): string[] => {
  const parsed = schema.safeParse(input, { reportInput: true });
  return parsed.success ? [] : issuesToDetails(parsed.error.issues).map((d) => d.message);
};

const GOOD_LISTING: ListingInput = {
  siteId: 'si_1',
  direction: 'offer',
  kind: 'material',
  title: 'Slag',
  quantity: { value: 10, unit: 't/yr' },
  material: { wasteCodes: ['100201'] },
};

/** [what, schema, a bad input]: missing, wrong types, out of range, too long, bad enums, unknown keys … */
const BAD_INPUTS: [string, z.ZodType, unknown][] = [
  ['an empty listing', ListingInputSchema, {}],
  ['no body at all', ListingInputSchema, undefined],
  ['a listing that is a list', ListingInputSchema, []],
  [
    'a listing with bad enums, a long title, a bad date and an unknown key',
    ListingInputSchema,
    {
      ...GOOD_LISTING,
      direction: 'gift',
      kind: 'air',
      title: 'x'.repeat(201),
      quantity: { value: -1, unit: '' },
      availableFrom: '2026-13-01',
      colour: 'red',
    },
  ],
  [
    'a listing with an infinite quantity and bad material details',
    ListingInputSchema,
    {
      ...GOOD_LISTING,
      quantity: { value: Number.POSITIVE_INFINITY, unit: 't/yr', period: 'fortnight', operatingHours: 9000 },
      maxDistanceKm: 'far',
      confidentiality: 1,
      material: {
        wasteCodes: ['12'],
        purityPct: 101,
        moisturePct: -1,
        form: 'goo',
        contaminants: ['   ', 'x'.repeat(101)],
        acceptsHazardous: true,
      },
    },
  ],
  [
    'a listing with an offer prefix and hazardous flag',
    ListingInputSchema,
    { ...GOOD_LISTING, material: { wasteCodes: ['1002'], acceptsHazardous: true } },
  ],
  [
    'an energy listing with a material block and bad energy details',
    ListingInputSchema,
    {
      ...GOOD_LISTING,
      kind: 'energy',
      energy: {
        carrier: 'steam',
        supplyTemperatureC: 90,
        returnTemperatureC: 95,
        powerKw: 1e9,
        monthlyProfile: [1, 2],
      },
    },
  ],
  [
    'an energy listing with a heat carrier returning hotter than it supplies',
    ListingInputSchema,
    {
      ...GOOD_LISTING,
      kind: 'energy',
      material: undefined,
      energy: { carrier: 'hot-water', supplyTemperatureC: 60, returnTemperatureC: 80 },
    },
  ],
  [
    'a listing whose period ends before it starts and whose blocks are missing',
    ListingInputSchema,
    {
      ...GOOD_LISTING,
      kind: 'water',
      material: undefined,
      availableFrom: '2026-05-01',
      availableTo: '2026-01-01',
    },
  ],
  [
    'a material listing with neither codes nor category',
    ListingInputSchema,
    { ...GOOD_LISTING, material: {} },
  ],
  [
    'a listing of wrong types',
    ListingInputSchema,
    { ...GOOD_LISTING, material: { wasteCodes: 'abc' }, quantity: null, title: 5, siteId: '' },
  ],
  [
    'a listing with huge monthly factors, too many of them',
    ListingInputSchema,
    {
      ...GOOD_LISTING,
      kind: 'energy',
      material: undefined,
      energy: { carrier: 'steam', monthlyProfile: Array.from({ length: 13 }, () => 1e13) },
    },
  ],
  [
    'a listing with bad water and land details',
    ListingInputSchema,
    {
      ...GOOD_LISTING,
      water: { type: 'x', quality: 'murky', temperatureC: 300 },
      land: { landUse: 'moon', facilities: ['spaceport'] },
    },
  ],
  ['a listing patch that changes the kind', ListingPatchSchema, { kind: 'water', title: '  ', siteId: 7 }],
  [
    'a site out of range with bad refs and types',
    SiteInputSchema,
    { lat: 91, lon: '10', name: '', ref: 'a b', municipality: 'x'.repeat(101), address: null },
  ],
  ['a site at infinity', SiteInputSchema, { lat: Number.NEGATIVE_INFINITY, lon: -181 }],
  ['a site patch with an unknown key', SitePatchSchema, { ref: '', elevation: 3 }],
  [
    'a company with a bad country, org number and contact',
    CompanyInputSchema,
    {
      name: 'A',
      industry: '24',
      country: 'no',
      orgNumber: '123456789',
      contact: { email: 'nope', phone: 'abc', name: '', fax: 1 },
    },
  ],
  ['a Norwegian company without org number', CompanyInputSchema, { name: 'A', industry: '24' }],
  ['a company with a bad industry code', CompanyInputSchema, { name: 7, industry: '244.2', country: 'SE' }],
  ['a company patch with unknown keys', CompanyPatchSchema, { ref: '', shoeSize: 1, colour: 2 }],
  ['a transition to nowhere', TransitionSchema, { to: 'done', version: 1.5 }],
  [
    'an implementation with a bad outcome',
    TransitionSchema,
    {
      to: 'implemented',
      version: -1,
      outcome: {
        quantityPerYear: 0,
        quantityBasis: 'guess',
        startDate: 'yesterday',
        benefits: { jobs: { value: -1, basis: 'x' } },
      },
    },
  ],
  [
    'an outcome that ends before it starts',
    TransitionSchema,
    {
      to: 'implemented',
      version: 1,
      outcome: {
        quantityPerYear: 1,
        quantityBasis: 'measured',
        startDate: '2026-01-01',
        endDate: '2020-01-01',
      },
    },
  ],
  ['a no without a reason', ResponseSchema, { answer: 'not-interested' }],
  ['a yes with a reason', ResponseSchema, { answer: 'interested', reason: { code: 'price' } }],
  ['a readiness out of range', ReadinessSchema, { version: 1, level: 10, dimensions: { technical: 0 } }],
  ['a feed mark with a bare date', FeedSeenSchema, { until: '2026-01-01' }],
  ['an empty assignee', AssignmentSchema, { version: 1, assigneeId: '' }],
  ['a blank note', NoteSchema, { text: '' }],
  ['an outcome change of wrong types', OutcomeChangeSchema, { version: '1', quantityPerYear: 1e13 }],
  [
    'a listing query with bad numbers and code',
    ListingQuerySchema,
    { limit: '0', offset: 'x', code: 'abc', kind: 'air' },
  ],
  ['a half circle', ListingQuerySchema, { lat: '60' }],
  [
    'a suggestion query out of range',
    SuggestionQuerySchema,
    { minScore: '2', radiusKm: '-1', count: 'maybe' },
  ],
  ['a match run over a bad scope', MatchRunRequestSchema, { scope: { region: '4' }, allocation: 'lucky' }],
  ['a user of the wrong shape', UserInputSchema, { name: '', role: 'business', regions: ['46', 'all'] }],
  [
    'a facilitator without regions',
    UserInputSchema,
    { name: 'F', role: 'facilitator', companyIds: ['co_1'] },
  ],
  [
    'a national facilitator with more',
    UserInputSchema,
    { name: 'F', role: 'facilitator', regions: ['all', '46'] },
  ],
];

// ---- The domain's own checks -----------------------------------------------------------------

const reference = loadReferenceData();
const regions = loadRegions();

function referenceMessages(): string[] {
  const listing = (over: Partial<ListingInput>) => ListingInputSchema.parse({ ...GOOD_LISTING, ...over });
  const listings = [
    listing({ direction: 'need', material: { wasteCodes: ['020188', '0199', '99'], category: 'moon-dust' } }),
    listing({ quantity: { value: 5e9, unit: 't/yr' } }),
    listing({ quantity: { value: 0.5, unit: 'mg/yr' } }),
    listing({ quantity: { value: 10, unit: 'mwh/yr' } }),
    listing({ quantity: { value: 10, unit: 'MG/yr' } }),
    listing({ quantity: { value: 10, unit: 'bricks/yr' } }),
    listing({ quantity: { value: 10, unit: 't/fortnight' } }),
    listing({ quantity: { value: 10, unit: 't' } }),
    listing({ quantity: { value: 10, unit: 't/yr/yr' } }),
    listing({ quantity: { value: 10, unit: 't/yr', period: 'month' } }),
    listing({
      kind: 'energy',
      material: undefined,
      quantity: { value: 2, unit: 'mw' },
      energy: { carrier: 'steam', hourlyProfile: 'nowhere:none' },
    }),
    listing({
      kind: 'energy',
      material: undefined,
      quantity: { value: 1e12, unit: 'GWh/yr' },
      energy: { carrier: 'gas' },
    }),
    listing({
      kind: 'water',
      material: undefined,
      quantity: { value: 1, unit: 'mL/yr' },
      water: { type: 'grey' },
    }),
    listing({
      kind: 'land',
      material: undefined,
      quantity: { value: 1e308, unit: 'km2' },
      land: { landUse: 'mixed' },
    }),
    listing({
      kind: 'land',
      material: undefined,
      quantity: { value: 1, unit: 'm2/yr' },
      land: { landUse: 'mixed' },
    }),
    listing({
      kind: 'land',
      material: undefined,
      quantity: { value: 1e-9, unit: 'ha' },
      land: { landUse: 'mixed' },
    }),
  ];
  const out = listings.flatMap((l) => checkListingReference(l, reference).map((d) => d.message));
  for (const kind of LISTING_KINDS) {
    const r = toCanonical(kind, { value: 1, unit: 'xyz' });
    if (!r.ok) out.push(r.reason);
  }
  for (const code of ['04.100', '34', '24.9', '24.49', '24.499']) {
    out.push(...checkIndustryCode(code, reference).map((d) => d.message));
  }
  out.push(...unsafeTextDetails({ a: 'x\u0000', 'b\u0000': 1, c: ['\ud800'] }).map((d) => d.message));
  const place = regions.municipalities[0]!;
  for (const [typed, code] of [
    [place.name, place.code],
    ['Atlantis', place.code],
    ['Atlantis', undefined],
  ] as const) {
    const check = checkMunicipality(regions, typed, code);
    if (check) out.push(check.message);
  }
  return out;
}

function reviewMessages(): string[] {
  const out: string[] = [];
  for (const from of REVIEW_STATES)
    for (const to of REVIEW_STATES)
      for (const role of ROLES)
        for (const reason of [false, true])
          for (const outcome of [false, true]) {
            const check = checkTransition(from, to, role, { reason, outcome });
            if (!check.ok) out.push(check.message);
          }
  const review = (state: ReviewRecord['state']) => ({ state }) as ReviewRecord;
  for (const [state, answer] of [
    ['declined', 'interested'],
    ['agreed', 'interested'],
  ] as const) {
    const change = respond(review(state), 'offer', { answer }, '2026-01-01T00:00:00Z');
    if ('problem' in change) out.push(change.problem);
  }
  return out;
}

// ---- zod 4's English locale ------------------------------------------------------------------

const LOCALE_SOURCE = readFileSync(join(ROOT, 'node_modules/zod/v4/locales/en.js'), 'utf8');

/** The keys of one object literal of en.js (`const FormatDictionary = { … }`). */
function localeKeys(name: string): string[] {
  const body = new RegExp(`const ${name} = \\{([\\s\\S]*?)\\n    \\};`).exec(LOCALE_SOURCE)?.[1] ?? '';
  return [...body.matchAll(/^\s*(\w+):/gm)].map((m) => m[1]!);
}

function localeMessages(): string[] {
  const en = z.locales.en().localeError;
  const message = (issue: Record<string, unknown>): string => {
    const out = en(issue as unknown as Parameters<typeof en>[0]);
    return typeof out === 'string' ? out : (out?.message ?? '');
  };
  const out: string[] = [];
  const types = [
    'string',
    'number',
    'int',
    'boolean',
    'bigint',
    'object',
    'array',
    'date',
    'null',
    'undefined',
  ];
  class Gadget {}
  const inputs = [
    ...['x', 1, Number.NaN, Number.POSITIVE_INFINITY, true, null, undefined, [], {}, 1n, Symbol('s')],
    ...[new Date(0), new Map(), new Set(), /x/, new Gadget(), Promise.resolve()],
  ];
  for (const expected of [...types, 'symbol', 'function', 'map', 'set', 'file', 'nan', 'never'])
    for (const input of inputs) out.push(message({ code: 'invalid_type', expected, input }));
  out.push(
    message({ code: 'invalid_value', values: ['a'] }),
    message({ code: 'invalid_value', values: [3] }),
  );
  out.push(message({ code: 'invalid_value', values: ['a', 'b', 1] }));
  const sized = localeKeys('Sizable');
  expect(sized).toContain('string');
  for (const origin of [...sized, 'number', 'int', 'bigint', 'date'])
    for (const [inclusive, exact] of [
      [true, false],
      [false, false],
      [true, true],
    ] as const) {
      out.push(message({ code: 'too_big', origin, maximum: 200, inclusive, exact }));
      out.push(message({ code: 'too_small', origin, minimum: 1, inclusive, exact }));
      out.push(message({ code: 'too_small', origin, minimum: 0.5, inclusive, exact }));
    }
  const formats = localeKeys('FormatDictionary');
  expect(formats).toContain('email');
  for (const format of [...formats, 'lowercase', 'uppercase', 'hostname', 'hex'])
    out.push(message({ code: 'invalid_format', format, pattern: /^a+$/ }));
  out.push(
    message({ code: 'invalid_format', format: 'starts_with', prefix: 'ab' }),
    message({ code: 'invalid_format', format: 'ends_with', suffix: 'yz' }),
    message({ code: 'invalid_format', format: 'includes', includes: 'mid' }),
    message({ code: 'not_multiple_of', divisor: 5 }),
    message({ code: 'not_multiple_of', divisor: 0.25 }),
    message({ code: 'unrecognized_keys', keys: ['colour'] }),
    message({ code: 'unrecognized_keys', keys: ['colour', 'size'] }),
    message({ code: 'invalid_key', origin: 'record' }),
    message({ code: 'invalid_key', origin: 'map' }),
    message({ code: 'invalid_union', errors: [], options: ['a', 'b'] }),
    message({ code: 'invalid_union', errors: [], inclusive: false }),
    message({ code: 'invalid_union', errors: [] }),
    message({ code: 'invalid_element', origin: 'map' }),
    message({ code: 'invalid_element', origin: 'set' }),
    message({ code: 'custom' }),
  );
  return out;
}

// ---- The source's own message literals ---------------------------------------------------------

interface Token {
  type: 'string' | 'template' | 'word' | 'punct' | 'regex' | 'number';
  text: string;
  /** A template piece followed by `${`. */
  open?: boolean;
  /** A template piece that follows `}` of a substitution. */
  resumed?: boolean;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0' };

/** A small TypeScript tokenizer: enough to find literals (strings, templates, regexes, comments). */
function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const resume: number[] = [];
  let depth = 0;
  let i = 0;
  const regexMayStart = () => {
    const last = out.at(-1);
    if (!last) return true;
    if (last.type === 'punct') return !/^[)\]}]$/.test(last.text);
    if (last.type === 'word')
      return /^(return|typeof|case|in|of|throw|new|else|do|yield|await|void)$/.test(last.text);
    return last.type === 'template' && last.open === true;
  };
  const template = (start: number, resumed: boolean): number => {
    let text = '';
    for (let j = start; j < src.length; j++) {
      const c = src[j]!;
      if (c === '\\') {
        text += src[++j];
      } else if (c === '`') {
        out.push({ type: 'template', text, resumed });
        return j + 1;
      } else if (c === '$' && src[j + 1] === '{') {
        out.push({ type: 'template', text, open: true, resumed });
        resume.push(depth++);
        return j + 2;
      } else text += c;
    }
    return src.length;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) i++;
    else if (src.startsWith('//', i)) i = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i);
    else if (src.startsWith('/*', i)) i = src.indexOf('*/', i + 2) + 2;
    else if (c === "'" || c === '"') {
      let text = '';
      let j = i + 1;
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\') {
          const unicode = /^u([0-9a-fA-F]{4})/.exec(src.slice(j + 1, j + 6));
          text += unicode
            ? String.fromCharCode(Number.parseInt(unicode[1]!, 16))
            : (ESCAPES[src[j + 1]!] ?? src[j + 1]!);
          j += unicode ? 6 : 2;
        } else text += src[j++];
      }
      out.push({ type: 'string', text });
      i = j + 1;
    } else if (c === '`') i = template(i + 1, false);
    else if (c === '/' && regexMayStart()) {
      let j = i + 1;
      let inClass = false;
      for (; j < src.length; j++) {
        const d = src[j]!;
        if (d === '\\') j++;
        else if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
      }
      j++;
      while (/[a-z]/.test(src[j] ?? '')) j++;
      out.push({ type: 'regex', text: src.slice(i, j) });
      i = j;
    } else if (/[A-Za-z_$]/.test(c)) {
      const word = /^[\w$]+/.exec(src.slice(i))![0];
      out.push({ type: 'word', text: word });
      i += word.length;
    } else if (/\d/.test(c)) {
      const number = /^[\w.]+/.exec(src.slice(i))![0];
      out.push({ type: 'number', text: number });
      i += number.length;
    } else if (c === '}' && resume.at(-1) === depth - 1) {
      resume.pop();
      depth--;
      i = template(i + 1, true);
    } else {
      if (c === '{') depth++;
      if (c === '}') depth--;
      out.push({ type: 'punct', text: c });
      i++;
    }
  }
  return out;
}

const isPlain = (t: Token | undefined) =>
  t !== undefined && (t.type === 'string' || (t.type === 'template' && !t.open && !t.resumed));

/** A plain literal (`'a'`, or `'a' + 'b'`) that ends at token `end`; null when there is none. */
function literalEndingAt(tokens: Token[], end: number): { text: string; start: number } | null {
  if (!isPlain(tokens[end])) return null;
  let start = end;
  while (tokens[start - 1]?.text === '+' && isPlain(tokens[start - 2])) start -= 2;
  const text = tokens
    .slice(start, end + 1)
    .filter((t) => t.type !== 'punct')
    .map((t) => t.text)
    .join('');
  return { text, start };
}

/** The arguments of every call of `name(…)`, each as its tokens. */
function callsOf(tokens: Token[], name: string): Token[][][] {
  const calls: Token[][][] = [];
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k]!.text !== name || tokens[k]!.type !== 'word' || tokens[k + 1]?.text !== '(') continue;
    const args: Token[][] = [[]];
    let depth = 0;
    for (let j = k + 1; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (t.type === 'punct' && '([{'.includes(t.text)) depth++;
      if (t.type === 'punct' && ')]}'.includes(t.text)) depth--;
      if (depth === 0) break;
      if (j === k + 1) continue;
      if (depth === 1 && t.text === ',' && t.type === 'punct') args.push([]);
      else args.at(-1)!.push(t);
    }
    calls.push(args.filter((a, i) => a.length > 0 || i < args.length - 1));
  }
  return calls;
}

/** An argument that is a plain literal, else null. */
const literalArgument = (arg: Token[] | undefined): string | null => {
  if (!arg || arg.length === 0) return null;
  const literal = literalEndingAt(arg, arg.length - 1);
  return literal?.start === 0 ? literal.text : null;
};

/** zod checks whose last argument may be a message; those of MESSAGE_ONLY may take it alone. */
const CHECKS = new Set(['min', 'max', 'length', 'gt', 'gte', 'lt', 'lte', 'regex', 'refine', 'multipleOf']);
const CHECKS_WITH_TEXT = new Set(['startsWith', 'endsWith', 'includes']);
const MESSAGE_ONLY = new Set([
  'positive',
  'negative',
  'nonnegative',
  'nonpositive',
  'int',
  'finite',
  'nonempty',
]);

/** Every plain literal given as `message: '…'`, `error: '…'` or as the message of a zod check. */
function messagesOf(src: string): string[] {
  const tokens = tokenize(src);
  const out: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.type !== 'word') continue;
    if ((t.text === 'message' || t.text === 'error') && tokens[k + 1]?.text === ':') {
      let end = k + 2;
      while (tokens[end + 1]?.text === '+' && isPlain(tokens[end + 2])) end += 2;
      const literal = literalEndingAt(tokens, end);
      if (literal?.start === k + 2 && /^[,})]$/.test(tokens[end + 1]?.text ?? '')) out.push(literal.text);
    }
    const check = tokens[k - 1]?.text === '.' && tokens[k + 1]?.text === '(';
    if (check && (CHECKS.has(t.text) || CHECKS_WITH_TEXT.has(t.text) || MESSAGE_ONLY.has(t.text))) {
      const args = callsOf(tokens.slice(k), t.text)[0] ?? [];
      const last = literalArgument(args.at(-1));
      const takesIt = MESSAGE_ONLY.has(t.text) ? args.length === 1 : args.length === 2;
      // `.includes('x', 3)` of arrays and strings ends in a number, never in text.
      if (last !== null && takesIt) out.push(last);
    }
  }
  return out;
}

/** The top messages and the dynamic parts (what, doing) the services name by literal arguments. */
function composedMessagesOf(src: string): string[] {
  const tokens = tokenize(src);
  const out: string[] = [];
  const literal = (args: Token[][], i: number) => literalArgument(args[i]);
  for (const args of callsOf(tokens, 'AppError')) {
    const [code, message] = [literal(args, 0), literal(args, 1)];
    // An INTERNAL error is answered with a generic message of its own; its text never leaves.
    if (code !== null && code !== 'INTERNAL' && message !== null) out.push(message);
  }
  for (const name of ['validationError', 'conflict']) {
    for (const args of callsOf(tokens, name)) {
      const message = literal(args, 0);
      if (message !== null) out.push(message);
    }
  }
  for (const args of callsOf(tokens, 'parseOrThrow')) {
    const what = literal(args, 2);
    if (what !== null) out.push(`${what} is not valid`);
  }
  for (const args of callsOf(tokens, 'requireRole')) {
    const doing = literal(args, 2);
    if (doing !== null) out.push(`your role may not ${doing}`);
  }
  for (const args of callsOf(tokens, 'enforce')) {
    const what = literal(args, 1);
    if (what === null) continue;
    out.push(`you may not ${literal(args, 3) ?? 'change'} ${what} 'co_1'`, notFound(what, 'co_1').message);
  }
  for (const args of callsOf(tokens, 'requireFacilitates')) {
    const doing = literal(args, 2);
    if (doing !== null) out.push(`you may not ${doing} suggestion 'sg_1'`);
  }
  for (const args of callsOf(tokens, 'notFound')) {
    const what = literal(args, 0);
    if (what !== null)
      out.push(...[notFound(what, 'x_1'), ...notFound(what, 'x_1').details].map((e) => e.message));
  }
  for (const args of callsOf(tokens, 'staleVersion')) {
    const what = literal(args, 0);
    if (what !== null) out.push(`${what} 'x_1' has changed since you read it`);
  }
  return out;
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

const SOURCES = ['src/domain', 'src/services', 'src/http'].flatMap((d) => sourceFiles(join(ROOT, d)));

// ---- Tests -------------------------------------------------------------------------------------

describe('the bokmål of the API’s messages', () => {
  it('when the project’s schemas refuse a spread of bad inputs, then every detail has natural bokmål', () => {
    const messages = BAD_INPUTS.flatMap(([what, schema, input]) => {
      const found = detailsOf(schema, input);
      expect(found.length, `${what} was accepted`).toBeGreaterThan(0);
      return found;
    });
    expect(new Set(messages).size).toBeGreaterThan(50);
    expectBokmal(messages);
  });

  it('when the domain checks listings, units, industry codes, text and municipalities, then each message has bokmål', () => {
    const messages = referenceMessages();
    expect(new Set(messages).size).toBeGreaterThan(20);
    expectBokmal(messages);
  });

  it('when the review refuses a transition or an answer, then each message has bokmål', () => {
    const messages = reviewMessages();
    expect(new Set(messages).size).toBeGreaterThan(30);
    expectBokmal(messages);
  });

  it('when zod’s English locale writes any of its default messages, then each has bokmål', () => {
    const messages = localeMessages();
    expect(messages.every((m) => m !== '')).toBe(true);
    expectBokmal(messages);
  });

  it('when the source is read, then every message literal of src/domain, src/services and src/http has bokmål', () => {
    const found = SOURCES.flatMap((file) =>
      messagesOf(readFileSync(file, 'utf8')).map((text) => ({ file: relative(ROOT, file), text })),
    );
    const texts = new Set(found.map((f) => f.text));
    // The reader finds what it should: a message after a regex literal, one split over lines.
    expect(texts).toContain('may hold letters, digits and _ . : @ / - only');
    expect(texts).toContain('must be a List of Waste code: 6 digits, or a 2/4-digit prefix');
    expect(texts).toContain('is not a known field');
    expect(texts.size).toBeGreaterThan(50);
    const missing = found.filter((f) => !translatesApiText(f.text)).map((f) => `${f.file}: ${f.text}`);
    expect(missing).toEqual([]);
    expectBokmal(texts);
  });

  it('when the services name what was refused and who may do it, then each top message has bokmål', () => {
    const messages = SOURCES.flatMap((file) => composedMessagesOf(readFileSync(file, 'utf8')));
    expect(messages).toContain('listing is not valid');
    expect(messages).toContain('your role may not register listings');
    expect(new Set(messages).size).toBeGreaterThan(60);
    expectBokmal(messages);
    expectBokmal([runInProgress('run_1').message]);
  });

  it('when a message is added without bokmål, then the source reader finds it and it is not translated', () => {
    const found = messagesOf(
      "const A = z.string().min(1, 'must hold a brand new rule');\n" +
        "ctx.addIssue({ code: 'custom', path: ['x'], message: 'is checked ' + 'in a new way' });",
    );
    expect(found).toEqual(['must hold a brand new rule', 'is checked in a new way']);
    for (const text of found) {
      expect(translatesApiText(text)).toBe(false);
      expect(apiText(text, 'nb')).toBe(text);
      expect(apiTextOf(text, 'nb')).toEqual({ text, lang: 'en' });
    }
  });

  it('when English is asked for, then the message is unchanged', () => {
    expect(apiText('is required (number)', 'en')).toBe('is required (number)');
    expect(apiTextOf('listing is not valid', 'en')).toEqual({ text: 'listing is not valid' });
  });

  it('when typical messages are translated, then they read as bokmål with values, codes and field names kept', () => {
    const nb = (message: string) => apiText(message, 'nb');
    expect(nb('is required (number)')).toBe('er påkrevd (tall)');
    expect(nb('must be number, got string')).toBe('må være et tall, men er en tekst');
    expect(nb('must be object, got object')).toBe('må være et objekt, ikke en liste');
    expect(nb('Invalid input: expected date, received Date')).toBe(
      'Ugyldig verdi: en dato som ikke er gyldig',
    );
    expect(nb('must be a finite number, got Infinity')).toBe(
      'må være et endelig tall, men er uendelig (Infinity)',
    );
    expect(nb('is not a known field')).toBe('er ikke et kjent felt');
    expect(nb('Too big: expected string to have <=200 characters')).toBe(
      'For lang: teksten kan ha høyst 200 tegn',
    );
    expect(nb('Too small: expected number to be >=0')).toBe('For lav verdi: må være minst 0');
    expect(nb('Too big: expected number to be <8784.5')).toBe(
      `For høy verdi: må være mindre enn 8${NBSP}784,5`,
    );
    expect(nb('Invalid option: expected one of "offer"|"need"')).toBe(
      'Ugyldig valg: forventet én av "offer"|"need"',
    );
    expect(nb('is required for a land listing')).toBe('er påkrevd for en oppføring av typen areal');
    expect(nb('is not allowed on a water listing')).toBe('er ikke tillatt på en oppføring av typen vann');
    expect(nb("listing 'li_1' does not exist")).toBe("oppføringen 'li_1' finnes ikke");
    expect(nb('no site with this id')).toBe('ingen anlegg med denne id-en');
    expect(nb("'020188' is not a code of the European List of Waste")).toBe(
      "'020188' er ikke en kode i den europeiske avfallslisten",
    );
    expect(nb('you answer for: offer, need')).toBe('du svarer for: tilbud, behov');
    expect(nb('allowed for: facilitator, analyst, admin')).toBe(
      'tillatt for: tilrettelegger, analytiker, administrator',
    );
  });

  it('when a list names a word the phrasebook does not know, then the message stays English', () => {
    expect(translatesApiText('allowed for: astronaut')).toBe(false);
    expect(translatesApiText('is required for a plasma listing')).toBe(false);
    expect(translatesApiText('this message was never written')).toBe(false);
  });

  it('when the phrasebook is listed, then no template is there twice', () => {
    expect(new Set(API_TEMPLATES).size).toBe(API_TEMPLATES.length);
  });
});
