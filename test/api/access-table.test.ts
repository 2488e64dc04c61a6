/**
 * The route × role table: every route of the service (src/http/app.ts allRoutes) against every
 * kind of caller, denials included — 401 without a token, 403 for the wrong role, company or
 * region, 404 where even existence must stay hidden. A route added without its rows fails the
 * first test.
 *
 * Callers: the public (no token); the business acting for the demo smelter (owner) and one acting
 * for another demo company (other); a facilitator of the demo municipality (facIn) and one of Oslo
 * (facOut); an analyst; an admin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../src/http/app.ts';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { settleMatchRuns } from '../../src/services/match-runs.ts';
import { PUBLIC, startTestApp, type TestApp, type TestResponse } from '../support/harness.ts';

const CALLERS = ['public', 'owner', 'other', 'facIn', 'facOut', 'analyst', 'admin'] as const;
type CallerName = (typeof CALLERS)[number];
type Expect = Record<CallerName, number>;

interface Row {
  /** `METHOD /path` as in the route table. */
  route: string;
  what: string;
  /** Builds the request for one caller (fresh resources for writes, so callers do not interfere). */
  request: (as: CallerName) => Promise<{ path: string; body?: unknown }>;
  expect: Expect;
}

let app: TestApp;
const token: Record<CallerName, string> = {
  public: PUBLIC,
  owner: '',
  other: '',
  facIn: '',
  facOut: '',
  analyst: '',
  admin: '',
};
const ids = {
  smelter: '',
  smelterSite: '',
  publicListing: '',
  anonymousListing: '',
  privateListing: '',
  hiddenCompany: '',
  hiddenSite: '',
  run: '',
  fjordsil: '',
  fjordsilSite: '',
};

async function idOf(label: string, ref: string): Promise<string> {
  const r = await app.runtime.deps.store.read((tx) =>
    tx.run(`MATCH (n:${label} {ref: $ref}) RETURN n.id AS id`, { ref }),
  );
  return r.records[0]!.get('id') as string;
}

const site = { name: 'New yard', lat: 59.87, lon: 5.77 };
const listing = (siteId: string, confidentiality = 'public') => ({
  siteId,
  direction: 'offer',
  kind: 'material',
  title: 'Aluminium dross',
  quantity: { value: 100, unit: 't/yr' },
  material: { wasteCodes: ['100308'] },
  confidentiality,
});
let serial = 0;
const company = () => ({ name: `Probe ${++serial} AB`, country: 'SE', industry: '24.420' });

async function asAdmin(method: string, path: string, body?: unknown): Promise<TestResponse> {
  const res = await app.request(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}
const freshListing = async (confidentiality = 'public') =>
  (await asAdmin('POST', '/listings', listing(ids.smelterSite, confidentiality))).body.id as string;
const freshSite = async () =>
  (await asAdmin('POST', `/companies/${ids.smelter}/sites`, site)).body.id as string;

// The review workflow: suggestions between an offer of the smelter and a need of fjordsil, both
// in the demo municipality, so that owner and other are its parties and facIn its facilitator.
const anodeScraps = (confidentiality: string) => ({
  siteId: ids.smelterSite,
  direction: 'offer',
  kind: 'material',
  title: 'Anode scraps',
  quantity: { value: 400, unit: 't/yr' },
  material: { wasteCodes: ['100302'] },
  confidentiality,
});
const drossNeed = () => ({
  siteId: ids.fjordsilSite,
  direction: 'need',
  kind: 'material',
  title: 'Dross for recovery',
  quantity: { value: 300, unit: 't/yr' },
  material: { wasteCodes: ['1003'] },
  confidentiality: 'public',
});

/** A new need of fjordsil, then a new offer of the smelter: the suggestion between them. */
async function pairUp(offerConfidentiality: string): Promise<{ id: string; listings: string[] }> {
  await settleMatchRuns();
  const need = (await asAdmin('POST', '/listings', drossNeed())).body.id as string;
  const offer = (await asAdmin('POST', '/listings', anodeScraps(offerConfidentiality))).body;
  const suggestions = offer.suggestions as { id: string; need: { id: string } }[];
  const found = suggestions.find((s) => s.need.id === need);
  if (!found)
    throw new Error(`no suggestion between ${offer.id} and ${need}: ${JSON.stringify(suggestions)}`);
  return { id: found.id, listings: [offer.id as string, need] };
}

/**
 * A fresh suggestion for one caller's write. The previous fresh pair's listings are deleted first
 * (its caller is done with it), so that the new offer's best pairs (at most K per listing) are
 * never crowded out by identical needs of earlier callers.
 */
let lastPair: string[] = [];
async function freshSuggestion(offerConfidentiality = 'public'): Promise<string> {
  for (const id of lastPair.splice(0)) await asAdmin('DELETE', `/listings/${id}`);
  const pair = await pairUp(offerConfidentiality);
  lastPair = pair.listings;
  return pair.id;
}

/** One suggestion for the rows that read it or leave its state alone; kept to the end. */
let shared: Promise<string> | undefined;
const sharedSuggestion = () => {
  shared ??= pairUp('public').then((p) => p.id);
  return shared;
};

/** Moves a suggestion as admin through `states`; the version it has after the last one. */
async function advance(id: string, states: string[]): Promise<number> {
  let version = 0;
  for (const to of states) {
    const extra =
      to === 'implemented'
        ? { outcome: { quantityPerYear: 250, quantityBasis: 'measured', startDate: '2026-11-01' } }
        : {};
    version = (await asAdmin('POST', `/suggestions/${id}/transitions`, { to, version, ...extra })).body
      .version as number;
  }
  return version;
}

/** The same value for every caller of one row: built at the first call. */
function once<T>(build: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= build();
    return value;
  };
}

const importDocument = () => ({
  companies: [
    {
      ref: `probe-${++serial}`,
      name: 'Probe Import AS',
      country: 'SE',
      industry: '24.420',
      sites: [{ ref: `probe-site-${serial}`, lat: 59.87, lon: 5.77 }],
    },
  ],
  listings: [],
});

/** A business user of the smelter, made by the admin: its id and its first token's id. */
async function freshSmelterUser(): Promise<{ id: string; tokenId: string }> {
  const made = (
    await asAdmin('POST', '/users', {
      name: `Smelter user ${++serial}`,
      role: 'business',
      companyIds: [ids.smelter],
    })
  ).body;
  return { id: made.user.id as string, tokenId: made.tokenId as string };
}
const smelterUser = once(freshSmelterUser);

const all = (status: number): Expect => ({
  public: status,
  owner: status,
  other: status,
  facIn: status,
  facOut: status,
  analyst: status,
  admin: status,
});
const signedIn = (status: number): Expect => ({ ...all(status), public: 401 });
const fixed = (path: string, body?: unknown) => async () => ({ path, body });

const ROWS: Row[] = [
  {
    route: 'GET /openapi.json',
    what: 'the API description',
    request: fixed('/openapi.json'),
    expect: all(200),
  },
  { route: 'GET /docs', what: 'the API page', request: fixed('/docs'), expect: all(200) },
  { route: 'GET /health', what: 'liveness', request: fixed('/health'), expect: all(200) },
  { route: 'GET /ready', what: 'readiness', request: fixed('/ready'), expect: all(200) },
  { route: 'GET /me', what: 'who am I', request: fixed('/me'), expect: signedIn(200) },
  {
    route: 'GET /me/tokens',
    what: 'your own tokens',
    request: fixed('/me/tokens'),
    expect: signedIn(200),
  },
  {
    route: 'POST /me/tokens',
    what: 'a new token of your own',
    request: fixed('/me/tokens', { expiresInDays: 30 }),
    expect: signedIn(201),
  },
  {
    route: 'DELETE /me/tokens/{tokenId}',
    what: 'a token of your own made for it (the public: any id)',
    request: async (as) => {
      if (as === 'public') return { path: '/me/tokens/tok_any' };
      const made = await app.as(token[as]).request('POST', '/me/tokens', {});
      if (made.status !== 201) throw new Error(`${as}: ${made.status} ${JSON.stringify(made.body)}`);
      return { path: `/me/tokens/${made.body.tokenId}` };
    },
    expect: signedIn(200),
  },
  {
    route: 'GET /users',
    what: 'the accounts one manages',
    request: fixed('/users'),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 200, analyst: 403, admin: 200 },
  },
  {
    route: 'POST /users',
    what: "a business user of the smelter (in facIn's region)",
    request: async (as) => ({
      path: '/users',
      body: { name: `Added by ${as}`, role: 'business', companyIds: [ids.smelter] },
    }),
    expect: { public: 401, owner: 403, other: 403, facIn: 201, facOut: 403, analyst: 403, admin: 201 },
  },
  {
    route: 'GET /users/{id}',
    what: 'a business user of the smelter',
    request: async () => ({ path: `/users/${(await smelterUser()).id}` }),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 404, analyst: 403, admin: 200 },
  },
  {
    route: 'POST /users/{id}/tokens',
    what: 'a new token for a business user of the smelter',
    request: async () => ({ path: `/users/${(await smelterUser()).id}/tokens`, body: {} }),
    expect: { public: 401, owner: 403, other: 403, facIn: 201, facOut: 404, analyst: 403, admin: 201 },
  },
  {
    route: 'DELETE /users/{id}/tokens/{tokenId}',
    what: 'the token of a fresh business user of the smelter',
    request: async () => {
      const made = await freshSmelterUser();
      return { path: `/users/${made.id}/tokens/${made.tokenId}` };
    },
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 404, analyst: 403, admin: 200 },
  },
  {
    route: 'POST /users/{id}/disable',
    what: 'a fresh business user of the smelter',
    request: async () => ({ path: `/users/${(await freshSmelterUser()).id}/disable` }),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 404, analyst: 403, admin: 200 },
  },
  {
    route: 'GET /demo/identities',
    what: 'demo sign-in on an instance that is no demo (an empty list)',
    request: fixed('/demo/identities'),
    expect: all(200),
  },
  {
    route: 'POST /companies',
    what: 'register a company',
    request: async () => ({ path: '/companies', body: company() }),
    expect: { ...signedIn(201), analyst: 403 },
  },
  { route: 'GET /companies', what: 'list companies', request: fixed('/companies'), expect: signedIn(200) },
  {
    route: 'GET /companies/{id}',
    what: 'a company with public listings',
    request: async () => ({ path: `/companies/${ids.smelter}` }),
    expect: signedIn(200),
  },
  {
    route: 'GET /companies/{id}',
    what: 'a company with private listings only',
    request: async () => ({ path: `/companies/${ids.hiddenCompany}` }),
    expect: { ...signedIn(200), owner: 404, other: 404 },
  },
  {
    route: 'PATCH /companies/{id}',
    what: "the smelter's contact",
    request: async (as) => ({
      path: `/companies/${ids.smelter}`,
      body: { contact: { name: `Set by ${as}` } },
    }),
    expect: { public: 401, owner: 200, other: 403, facIn: 200, facOut: 403, analyst: 403, admin: 200 },
  },
  {
    route: 'PATCH /companies/{id}',
    what: 'a company with private listings only',
    request: async () => ({ path: `/companies/${ids.hiddenCompany}`, body: { contact: { name: 'Probe' } } }),
    expect: { public: 401, owner: 404, other: 404, facIn: 200, facOut: 403, analyst: 403, admin: 200 },
  },
  {
    route: 'DELETE /companies/{id}',
    what: 'an empty company (its owner registered the owner one)',
    request: async (as) => {
      const by = as === 'owner' ? app.as(token.owner) : app;
      const created = await by.request('POST', '/companies', company());
      return { path: `/companies/${created.body.id}` };
    },
    expect: { public: 401, owner: 204, other: 404, facIn: 403, facOut: 403, analyst: 403, admin: 204 },
  },
  {
    route: 'DELETE /companies/{id}',
    what: 'a company with a site, cascade (owner: its own)',
    request: async (as) => {
      const by = as === 'owner' ? app.as(token.owner) : app;
      const created = await by.request('POST', '/companies', company());
      await by.request('POST', `/companies/${created.body.id}/sites`, site);
      return { path: `/companies/${created.body.id}?cascade=true` };
    },
    expect: { public: 401, owner: 403, other: 404, facIn: 204, facOut: 403, analyst: 403, admin: 204 },
  },
  {
    route: 'POST /companies/{id}/sites',
    what: 'a site for the smelter, in the demo municipality',
    request: async () => ({ path: `/companies/${ids.smelter}/sites`, body: site }),
    expect: { public: 401, owner: 201, other: 403, facIn: 201, facOut: 403, analyst: 403, admin: 201 },
  },
  {
    route: 'GET /companies/{id}/sites',
    what: "the smelter's sites",
    request: async () => ({ path: `/companies/${ids.smelter}/sites` }),
    expect: signedIn(200),
  },
  {
    route: 'GET /sites/{id}',
    what: 'a site with public listings',
    request: async () => ({ path: `/sites/${ids.smelterSite}` }),
    expect: signedIn(200),
  },
  {
    route: 'GET /sites/{id}',
    what: 'a site with private listings only',
    request: async () => ({ path: `/sites/${ids.hiddenSite}` }),
    expect: { public: 401, owner: 404, other: 404, facIn: 200, facOut: 404, analyst: 404, admin: 200 },
  },
  {
    route: 'PATCH /sites/{id}',
    what: "the smelter's site",
    request: async (as) => ({ path: `/sites/${ids.smelterSite}`, body: { address: `Set by ${as}` } }),
    expect: { public: 401, owner: 200, other: 403, facIn: 200, facOut: 403, analyst: 403, admin: 200 },
  },
  {
    route: 'DELETE /sites/{id}',
    what: 'a new site of the smelter, without listings',
    request: async () => ({ path: `/sites/${await freshSite()}` }),
    expect: { public: 401, owner: 204, other: 404, facIn: 204, facOut: 404, analyst: 403, admin: 204 },
  },
  {
    route: 'POST /listings',
    what: "a listing at the smelter's site",
    request: async () => ({ path: '/listings', body: listing(ids.smelterSite) }),
    expect: { public: 401, owner: 201, other: 400, facIn: 201, facOut: 400, analyst: 403, admin: 201 },
  },
  { route: 'GET /listings', what: 'list listings', request: fixed('/listings'), expect: all(200) },
  {
    route: 'GET /listings/{id}',
    what: 'a public listing',
    request: async () => ({ path: `/listings/${ids.publicListing}` }),
    expect: all(200),
  },
  {
    route: 'GET /listings/{id}',
    what: 'an anonymous listing',
    request: async () => ({ path: `/listings/${ids.anonymousListing}` }),
    expect: { ...all(200), public: 404 },
  },
  {
    route: 'GET /listings/{id}',
    what: 'a private listing',
    request: async () => ({ path: `/listings/${ids.privateListing}` }),
    expect: { ...all(200), public: 404, other: 404 },
  },
  {
    route: 'PATCH /listings/{id}',
    what: 'a public listing of the smelter',
    request: async () => ({ path: `/listings/${await freshListing()}`, body: { title: 'Renamed' } }),
    expect: { public: 401, owner: 200, other: 403, facIn: 200, facOut: 403, analyst: 403, admin: 200 },
  },
  {
    route: 'PATCH /listings/{id}',
    what: 'a private listing of the smelter',
    request: async () => ({ path: `/listings/${await freshListing('private')}`, body: { title: 'Renamed' } }),
    expect: { public: 401, owner: 200, other: 404, facIn: 200, facOut: 404, analyst: 403, admin: 200 },
  },
  {
    route: 'DELETE /listings/{id}',
    what: 'a public listing of the smelter',
    request: async () => ({ path: `/listings/${await freshListing()}` }),
    expect: { public: 401, owner: 204, other: 403, facIn: 204, facOut: 403, analyst: 403, admin: 204 },
  },
  {
    route: 'POST /imports',
    what: 'a company with a site in the demo municipality',
    request: async () => ({ path: '/imports', body: importDocument() }),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 422, analyst: 403, admin: 200 },
  },
  {
    route: 'POST /imports/csv',
    what: 'a company with a site in the demo municipality, as CSV',
    request: async () => {
      const ref = `csv-probe-${++serial}`;
      return {
        path: '/imports/csv',
        body: {
          companies: `company_ref,name,country,industry,site_ref,lat,lon\n${ref},Probe CSV AB,SE,24.420,${ref}-site,59.87,5.77\n`,
          listings: 'ref,site,direction,kind,title,quantity_value,quantity_unit\n',
        },
      };
    },
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 422, analyst: 403, admin: 200 },
  },
  ...[
    'waste-codes',
    'material-categories',
    'substitutions',
    'industry-codes',
    'load-profiles',
    'regions',
  ].map((t) => ({
    route: `GET /taxonomy/${t}`,
    what: 'a reference list',
    request: fixed(`/taxonomy/${t}`),
    expect: all(200),
  })),
  {
    route: 'POST /match-runs',
    what: 'a run over the demo municipality',
    request: async () => {
      await settleMatchRuns();
      return { path: '/match-runs', body: { scope: { kind: 'land', region: '4617' } } };
    },
    expect: { public: 401, owner: 403, other: 403, facIn: 202, facOut: 403, analyst: 403, admin: 202 },
  },
  {
    route: 'POST /match-runs',
    what: 'a run over the whole country',
    request: async () => {
      await settleMatchRuns();
      return { path: '/match-runs', body: { scope: { kind: 'land' } } };
    },
    expect: { public: 401, owner: 403, other: 403, facIn: 403, facOut: 403, analyst: 403, admin: 202 },
  },
  {
    route: 'GET /match-runs',
    what: 'list runs',
    request: fixed('/match-runs'),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 200, analyst: 200, admin: 200 },
  },
  {
    route: 'GET /match-runs/{id}',
    what: 'a run',
    request: async () => ({ path: `/match-runs/${ids.run}` }),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 200, analyst: 200, admin: 200 },
  },
  {
    route: 'GET /listings/{id}/suggestions',
    what: 'of a public listing',
    request: async () => ({ path: `/listings/${ids.publicListing}/suggestions` }),
    expect: signedIn(200),
  },
  {
    route: 'GET /listings/{id}/suggestions',
    what: 'of a private listing',
    request: async () => ({ path: `/listings/${ids.privateListing}/suggestions` }),
    expect: { ...signedIn(200), other: 404 },
  },
  {
    route: 'GET /listings/{id}/diagnostics',
    what: "of the smelter's public listing (those who act for the smelter)",
    request: async () => ({ path: `/listings/${ids.publicListing}/diagnostics` }),
    expect: { public: 401, owner: 200, other: 403, facIn: 200, facOut: 403, analyst: 403, admin: 200 },
  },
  {
    route: 'GET /listings/{id}/diagnostics',
    what: "of the smelter's private listing",
    request: async () => ({ path: `/listings/${ids.privateListing}/diagnostics` }),
    expect: { public: 401, owner: 200, other: 404, facIn: 200, facOut: 404, analyst: 403, admin: 200 },
  },
  {
    route: 'GET /companies/{id}/suggestions',
    what: "the smelter's",
    request: async () => ({ path: `/companies/${ids.smelter}/suggestions` }),
    expect: { public: 401, owner: 200, other: 404, facIn: 200, facOut: 404, analyst: 404, admin: 200 },
  },
  {
    route: 'GET /companies/{id}/prompts',
    what: "the smelter's (those who act for it; others see it in the directory)",
    request: async () => ({ path: `/companies/${ids.smelter}/prompts` }),
    expect: { public: 401, owner: 200, other: 403, facIn: 200, facOut: 403, analyst: 403, admin: 200 },
  },
  {
    route: 'GET /companies/{id}/prompts',
    what: 'of a company with private listings only',
    request: async () => ({ path: `/companies/${ids.hiddenCompany}/prompts` }),
    expect: { public: 401, owner: 404, other: 404, facIn: 200, facOut: 403, analyst: 403, admin: 200 },
  },
  {
    route: 'GET /suggestions',
    what: 'list suggestions',
    request: fixed('/suggestions'),
    expect: signedIn(200),
  },
  {
    route: 'GET /review-queue',
    what: "a facilitator's queue",
    request: fixed('/review-queue'),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 200, analyst: 403, admin: 200 },
  },
  {
    route: 'GET /suggestions/{id}',
    what: 'a suggestion of the smelter and fjordsil, both public',
    request: async () => ({ path: `/suggestions/${await sharedSuggestion()}` }),
    expect: signedIn(200),
  },
  {
    route: 'GET /suggestions/{id}',
    what: "a suggestion of the smelter's private offer and fjordsil's need",
    request: (() => {
      const id = once(() => freshSuggestion('private'));
      return async () => ({ path: `/suggestions/${await id()}` });
    })(),
    expect: { ...signedIn(200), other: 404 },
  },
  {
    route: 'POST /suggestions/{id}/transitions',
    what: 'a new suggestion to under-review',
    request: async () => ({
      path: `/suggestions/${await freshSuggestion()}/transitions`,
      body: { to: 'under-review', version: 0 },
    }),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 403, analyst: 403, admin: 200 },
  },
  {
    route: 'POST /suggestions/{id}/responses',
    what: 'interested, in a new suggestion',
    request: async () => ({
      path: `/suggestions/${await freshSuggestion()}/responses`,
      body: { answer: 'interested' },
    }),
    expect: { public: 401, owner: 200, other: 200, facIn: 403, facOut: 403, analyst: 403, admin: 403 },
  },
  {
    route: 'GET /suggestions/{id}/events',
    what: 'the audit trail',
    request: async () => ({ path: `/suggestions/${await sharedSuggestion()}/events` }),
    expect: { public: 401, owner: 200, other: 200, facIn: 200, facOut: 403, analyst: 403, admin: 200 },
  },
  {
    route: 'POST /suggestions/{id}/notes',
    what: 'a note',
    request: async (as) => ({
      path: `/suggestions/${await sharedSuggestion()}/notes`,
      body: { text: `Noted by ${as}` },
    }),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 403, analyst: 403, admin: 200 },
  },
  {
    route: 'GET /suggestions/{id}/assignable',
    what: 'who the suggestion may be assigned to',
    request: async () => ({ path: `/suggestions/${await sharedSuggestion()}/assignable` }),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 403, analyst: 403, admin: 200 },
  },
  {
    route: 'POST /suggestions/{id}/assignment',
    what: 'unassign a new suggestion',
    request: async () => ({
      path: `/suggestions/${await freshSuggestion()}/assignment`,
      body: { version: 0, assigneeId: null },
    }),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 403, analyst: 403, admin: 200 },
  },
  {
    route: 'POST /suggestions/{id}/readiness',
    what: 'of a new suggestion, introduced',
    request: async () => {
      const id = await freshSuggestion();
      const version = await advance(id, ['introduced']);
      return { path: `/suggestions/${id}/readiness`, body: { version, level: 5 } };
    },
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 403, analyst: 403, admin: 200 },
  },
  {
    route: 'POST /suggestions/{id}/outcome',
    what: 'the end date of a new suggestion, implemented',
    request: async () => {
      const id = await freshSuggestion();
      const version = await advance(id, ['introduced', 'negotiating', 'agreed', 'implemented']);
      return { path: `/suggestions/${id}/outcome`, body: { version, endDate: '2027-10-31' } };
    },
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 403, analyst: 403, admin: 200 },
  },
  {
    route: 'GET /feed',
    what: 'what awaits and what changed',
    request: fixed('/feed'),
    expect: { ...signedIn(200), analyst: 403 },
  },
  {
    route: 'POST /feed/seen',
    what: 'mark the feed seen',
    request: fixed('/feed/seen', {}),
    expect: { ...signedIn(200), analyst: 403 },
  },
  {
    route: 'GET /feedback',
    what: 'the learned adjustments',
    request: fixed('/feedback'),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 200, analyst: 200, admin: 200 },
  },
  {
    route: 'GET /indicators',
    what: 'of the demo municipality',
    request: fixed('/indicators?region=4617'),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 403, analyst: 200, admin: 200 },
  },
  {
    route: 'GET /indicators',
    what: 'of the whole country',
    request: fixed('/indicators'),
    expect: { public: 401, owner: 403, other: 403, facIn: 403, facOut: 403, analyst: 200, admin: 200 },
  },
  {
    route: 'GET /indicators/breakdown',
    what: 'by municipality, of the demo municipality',
    request: fixed('/indicators/breakdown?region=4617&by=municipality'),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 403, analyst: 200, admin: 200 },
  },
  {
    route: 'GET /indicators/series',
    what: 'quarterly, of the demo municipality',
    request: fixed('/indicators/series?region=4617&interval=quarter'),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 403, analyst: 200, admin: 200 },
  },
  {
    route: 'GET /indicators/barriers',
    what: 'by kind, of the demo municipality',
    request: fixed('/indicators/barriers?region=4617&by=kind'),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 403, analyst: 200, admin: 200 },
  },
  {
    route: 'GET /network',
    what: 'of the demo municipality',
    request: fixed('/network?region=4617'),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 403, analyst: 200, admin: 200 },
  },
  {
    route: 'GET /exports/network',
    what: 'GeoJSON of the demo municipality',
    request: fixed('/exports/network?region=4617&format=geojson'),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 403, analyst: 200, admin: 200 },
  },
  {
    route: 'GET /exports/indicators',
    what: 'the funnel of the demo municipality',
    request: fixed('/exports/indicators?region=4617&table=funnel'),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 403, analyst: 200, admin: 200 },
  },
  {
    route: 'GET /report',
    what: 'of the demo municipality',
    request: fixed('/report?region=4617'),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 403, analyst: 200, admin: 200 },
  },
  {
    route: 'GET /network',
    what: 'of the whole country',
    request: fixed('/network'),
    expect: { public: 401, owner: 403, other: 403, facIn: 403, facOut: 403, analyst: 200, admin: 200 },
  },
  {
    route: 'GET /heat-clusters',
    what: 'of the demo municipality',
    request: fixed('/heat-clusters?region=4617'),
    expect: { public: 401, owner: 403, other: 403, facIn: 200, facOut: 403, analyst: 200, admin: 200 },
  },
  {
    route: 'GET /heat-clusters',
    what: 'of the whole country',
    request: fixed('/heat-clusters'),
    expect: { public: 401, owner: 403, other: 403, facIn: 403, facOut: 403, analyst: 200, admin: 200 },
  },
];

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
  ids.smelter = await idOf('Company', 'storvik-aluminium');
  ids.smelterSite = await idOf('Site', 'storvik-alu-verk');
  ids.publicListing = await idOf('Listing', 'alu-dross');
  ids.anonymousListing = await idOf('Listing', 'alu-spl');
  ids.privateListing = await freshListing('private');
  ids.hiddenCompany = await idOf('Company', 'vestlandsk-spesialavfall');
  ids.hiddenSite = await idOf('Site', 'spes-hamnoy');
  ids.fjordsil = await idOf('Company', 'fjordsil');
  ids.fjordsilSite = await idOf('Site', 'fjordsil-verk');
  ids.run = (await asAdmin('POST', '/match-runs', {})).body.id;
  await settleMatchRuns();
  token.owner = await app.user({ name: 'Smelter', role: 'business', companyIds: [ids.smelter] });
  token.other = await app.user({ name: 'Silicon', role: 'business', companyIds: [ids.fjordsil] });
  token.facIn = await app.user({ name: 'Kvinnherad', role: 'facilitator', regions: ['4617'] });
  token.facOut = await app.user({ name: 'Oslo', role: 'facilitator', regions: ['03'] });
  token.analyst = await app.user({ name: 'Analyst', role: 'analyst' });
  token.admin = app.adminToken;
});
afterAll(async () => {
  await settleMatchRuns();
  await app?.close();
});

describe('the route × role table', () => {
  it('when the service has a route, then the table has rows for it (and no rows for routes that do not exist)', () => {
    const routes = allRoutes(app.runtime.deps, app.runtime.readiness).map(
      (r) => `${r.method.toUpperCase()} ${r.path}`,
    );
    const covered = new Set(ROWS.map((r) => r.route));
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((r) => !routes.includes(r))).toEqual([]);
  });

  it.each(ROWS.map((row) => [row.route, row.what, row] as const))('%s (%s)', async (route, _what, row) => {
    const method = route.split(' ')[0]!;
    const got: Partial<Expect> = {};
    for (const as of CALLERS) {
      const { path, body } = await row.request(as);
      const res = await app.as(token[as]).request(method, path, body);
      got[as] = res.status;
      if (res.status >= 400 && res.status !== 422)
        expect(res.body.error, `${as}: ${JSON.stringify(res.body)}`).toHaveProperty('code');
    }
    expect(got).toEqual(row.expect);
  });
});
