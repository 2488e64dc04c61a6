/**
 * The one access policy. Every answer the service gives passes through it, and so does every
 * Cypher filter: `listingAccess(caller)` is both the argument of the presentation functions here
 * and the `$access` parameter of the named queries (cypher/access.cypher expands the same rules
 * in Cypher; test/integration/access-agreement.test.ts holds the two to the same answers).
 *
 * Listings
 *   identified  the caller sees the company, site, ref and exact location: public listings, the
 *               caller's own companies' listings, a facilitator's regions, admins (and national
 *               facilitators) everywhere;
 *   anonymised  the caller sees the listing without company, site or ref, at a coarse location
 *               (ANONYMOUS_GRID_DEG), and every distance shown is measured from there;
 *   hidden      answered exactly like a listing that does not exist.
 *   Other businesses see `anonymous` listings anonymised and never see `private` ones; analysts and
 *   facilitators outside their regions see both anonymised; the public sees public listings only.
 * Companies: full (with contact details) for their own business users, their facilitators and
 *   admins; a directory entry (name, org number, industry) for analysts, other facilitators, and
 *   businesses when the company has a public listing; otherwise hidden.
 * Writes: a business changes only its own companies, sites and listings; facilitators act in their
 *   regions; analysts read only; imports, match runs and cascade deletes are for facilitators and
 *   admins. The review workflow: a suggestion's businesses answer it, the facilitators of either
 *   site's region (and admins) move it through its states (domain/review.ts) and assign it to an
 *   admin or a facilitator of its regions who can sign in (mayBeAssigned; they alone read that list
 *   of ids, names and regions). A write to something the caller cannot see is "not found" (404),
 *   to something it can see but not change "forbidden" (403).
 */
import type { Caller, Role, UserCaller } from './caller.ts';
import type { Confidentiality } from './listing-kinds.ts';

/** Grid, degrees, to which an anonymised listing's location is rounded (≈ 11 km × 5.5 km at 60° N). */
export const ANONYMOUS_GRID_DEG = 0.1;

/** What a caller may see of listings, as plain data: the presentation below and `$access` in Cypher. */
export interface ListingAccess {
  /** Sees the identity of every listing. */
  all: boolean;
  /** Sees the identity of these companies' listings (a business's own). */
  companyIds: string[];
  /** Sees the identity of listings at sites in these county or municipality codes. */
  regions: string[];
  /** Listings it may not identify are still shown, anonymised, when of these confidentialities. */
  anonymised: Confidentiality[];
  /** Sees only suggestions that involve one of `companyIds` (businesses). */
  involvedOnly: boolean;
}

export interface ListingFacts {
  companyId: string;
  confidentiality: Confidentiality;
  /** The municipality and county codes of the listing's site (none abroad). */
  regions: readonly string[];
}

export type ListingView = 'identified' | 'anonymised' | 'hidden';

const NOTHING: ListingAccess = {
  all: false,
  companyIds: [],
  regions: [],
  anonymised: [],
  involvedOnly: true,
};

export function listingAccess(caller: Caller): ListingAccess {
  if (caller.kind === 'public') return NOTHING;
  switch (caller.role) {
    case 'admin':
      return { ...NOTHING, all: true, anonymised: ['anonymous', 'private'], involvedOnly: false };
    case 'facilitator':
      return {
        all: caller.regions === 'all',
        companyIds: [],
        regions: caller.regions === 'all' ? [] : [...caller.regions],
        anonymised: ['anonymous', 'private'],
        involvedOnly: false,
      };
    case 'analyst':
      return { ...NOTHING, anonymised: ['anonymous', 'private'], involvedOnly: false };
    case 'business':
      return {
        ...NOTHING,
        companyIds: [...caller.companyIds],
        anonymised: ['anonymous'],
        involvedOnly: true,
      };
  }
}

export function identifies(access: ListingAccess, l: ListingFacts): boolean {
  return (
    access.all ||
    l.confidentiality === 'public' ||
    access.companyIds.includes(l.companyId) ||
    l.regions.some((r) => access.regions.includes(r))
  );
}

/**
 * Whether the caller may read what a listing's company states it pays today (`currentCost`), or
 * a figure made of it: its own company's, a facilitator's of the listing's region, an admin's.
 * A counterpart that may identify the listing does not see its costs.
 */
export function seesCosts(access: ListingAccess, l: ListingFacts): boolean {
  return (
    access.all || access.companyIds.includes(l.companyId) || l.regions.some((r) => access.regions.includes(r))
  );
}

export function listingView(access: ListingAccess, l: ListingFacts): ListingView {
  if (identifies(access, l)) return 'identified';
  return access.anonymised.includes(l.confidentiality) ? 'anonymised' : 'hidden';
}

/** Rounded through the inverse so 59.9 stays 59.9, not 59.900000000000006. */
export const coarsen = (deg: number): number =>
  Math.round(deg / ANONYMOUS_GRID_DEG) / (1 / ANONYMOUS_GRID_DEG);

/**
 * A suggestion is shown when both its listings are, and to a business only when one is its own. A
 * chain's processor listings (`through`) must be visible too, and its processor is a party.
 */
export function suggestionShown(
  access: ListingAccess,
  offer: ListingFacts,
  need: ListingFacts,
  through: readonly ListingFacts[] = [],
): boolean {
  if (listingView(access, offer) === 'hidden' || listingView(access, need) === 'hidden') return false;
  if (through.some((l) => listingView(access, l) === 'hidden')) return false;
  return (
    !access.involvedOnly ||
    access.companyIds.includes(offer.companyId) ||
    access.companyIds.includes(need.companyId) ||
    through.some((l) => access.companyIds.includes(l.companyId))
  );
}

// ---- Companies and sites -------------------------------------------------------------------

export interface CompanyFacts {
  id: string;
  /** Region codes of its sites. */
  regions: readonly string[];
  /** Whether at least one of its listings is public. */
  hasPublicListing: boolean;
}

export type CompanyView = 'full' | 'directory' | 'hidden';

/** Whether the caller acts for a company: changes it, its sites and its listings. */
export function actsFor(caller: Caller, company: { id: string; regions: readonly string[] }): boolean {
  if (caller.kind === 'public') return false;
  switch (caller.role) {
    case 'admin':
      return true;
    case 'business':
      return caller.companyIds.includes(company.id);
    case 'facilitator':
      return inRegions(caller, company.regions);
    case 'analyst':
      return false;
  }
}

/** A facilitator's regions cover a place with these codes (every place for a national one). */
export function inRegions(caller: UserCaller, regions: readonly string[]): boolean {
  return caller.regions === 'all' || regions.some((r) => caller.regions.includes(r));
}

export function companyView(caller: Caller, c: CompanyFacts): CompanyView {
  if (caller.kind === 'public') return 'hidden';
  if (actsFor(caller, c)) return 'full';
  if (caller.role === 'business') return c.hasPublicListing ? 'directory' : 'hidden';
  return 'directory';
}

/** The `$companyAccess` parameter of company queries: the same rule as companyView. */
export interface CompanyAccess {
  all: boolean;
  companyIds: string[];
  regions: string[];
  /** Every company is at least a directory entry (analysts, facilitators). */
  directory: boolean;
}

export function companyAccess(caller: Caller): CompanyAccess {
  if (caller.kind === 'public') return { all: false, companyIds: [], regions: [], directory: false };
  const a = listingAccess(caller);
  return { all: a.all, companyIds: a.companyIds, regions: a.regions, directory: caller.role !== 'business' };
}

export interface SiteFacts {
  companyId: string;
  regions: readonly string[];
  hasPublicListing: boolean;
}

/** A site's exact place is shown to whoever acts for its company, and to others once a public listing shows it. */
export function siteShown(caller: Caller, s: SiteFacts): boolean {
  if (caller.kind === 'public') return false;
  return actsFor(caller, { id: s.companyId, regions: s.regions }) || s.hasPublicListing;
}

// ---- Actions -------------------------------------------------------------------------------

export type Action =
  | 'company.create'
  | 'company.change'
  | 'company.deleteCascade'
  | 'company.prompts'
  | 'site.change'
  | 'listing.change'
  | 'listing.diagnose'
  | 'import'
  | 'matchRun.start'
  | 'matchRun.read'
  | 'read'
  | 'user.manage'
  | 'account.self'
  | 'review.read'
  | 'review.queue'
  | 'review.transition'
  | 'review.respond'
  | 'review.manage'
  | 'review.assignees'
  | 'analytics.read';

/** The roles that may attempt an action at all; the route table documents 401/403 from this. */
export const ACTION_ROLES: Record<Action, readonly Role[]> = {
  'company.create': ['business', 'facilitator', 'admin'],
  'company.change': ['business', 'facilitator', 'admin'],
  'company.deleteCascade': ['facilitator', 'admin'],
  // "Companies like you usually have…" (domain/cold-start.ts): for those who act for the company.
  'company.prompts': ['business', 'facilitator', 'admin'],
  'site.change': ['business', 'facilitator', 'admin'],
  'listing.change': ['business', 'facilitator', 'admin'],
  // Why a listing has no or a low suggestion: for those who act for its company (actsFor).
  'listing.diagnose': ['business', 'facilitator', 'admin'],
  import: ['facilitator', 'admin'],
  'matchRun.start': ['facilitator', 'admin'],
  'matchRun.read': ['facilitator', 'analyst', 'admin'],
  read: ['business', 'facilitator', 'analyst', 'admin'],
  // Accounts: admins manage every user; a facilitator adds and manages the business users of the
  // companies it acts for (mayManageUser), so onboarding a business needs no admin.
  'user.manage': ['facilitator', 'admin'],
  // One's own tokens: every signed-in user sees them, makes a new one and revokes one.
  'account.self': ['business', 'facilitator', 'analyst', 'admin'],
  // The review workflow (domain/review.ts says which transitions each role makes): the parties of
  // a suggestion and the facilitators of its regions; analysts read aggregates, not the workflow.
  'review.read': ['business', 'facilitator', 'admin'],
  'review.queue': ['facilitator', 'admin'],
  'review.transition': ['business', 'facilitator', 'admin'],
  'review.respond': ['business'],
  'review.manage': ['facilitator', 'admin'],
  // Who a suggestion may be assigned to (ids, names and regions of facilitators and admins): for
  // those who assign, never for businesses, analysts or the public.
  'review.assignees': ['facilitator', 'admin'],
  // Aggregates of a region: analysts, facilitators (their regions) and admins.
  'analytics.read': ['facilitator', 'analyst', 'admin'],
};

/**
 * Whom a suggestion with a site in `regions` may be assigned to: an admin, or a facilitator whose
 * regions cover one of them (a national facilitator covers all). Only users who can act now are
 * candidates at all: not disabled, with a token neither revoked nor expired (the store's
 * `assignable` query); the list of assignees and the assignment itself both ask this.
 */
export function mayBeAssigned(
  user: { role: Role; regions: readonly string[] },
  regions: readonly string[],
): boolean {
  if (user.role === 'admin') return true;
  if (user.role !== 'facilitator') return false;
  return user.regions.includes('all') || regions.some((r) => user.regions.includes(r));
}

/**
 * Whether the caller may see and manage a user account (its tokens, disabling it): admins every
 * account; a facilitator the business users all of whose companies it acts for (never one that
 * also acts for a company outside its regions, nor one with no company); nobody else.
 */
export function mayManageUser(
  caller: Caller,
  user: { role: Role; companies: readonly { id: string; regions: readonly string[] }[] },
): boolean {
  if (caller.kind === 'public') return false;
  if (caller.role === 'admin') return true;
  if (caller.role !== 'facilitator') return false;
  return (
    user.role === 'business' && user.companies.length > 0 && user.companies.every((c) => actsFor(caller, c))
  );
}

export type Decision = 'allow' | 'unauthenticated' | 'forbidden' | 'hidden';

/** Whether the caller's role may attempt the action at all. */
export function roleMay(caller: Caller, action: Action): Decision {
  if (caller.kind === 'public') return 'unauthenticated';
  return ACTION_ROLES[action].includes(caller.role) ? 'allow' : 'forbidden';
}

/**
 * Whether the caller may change something of a company (the company itself, one of its sites or
 * listings): `visible` says whether the caller can see the target, so a refusal is 403 when it can
 * and 404 when even its existence must stay hidden.
 */
export function mayChange(
  caller: Caller,
  action: Action,
  company: { id: string; regions: readonly string[] },
  visible: boolean,
): Decision {
  const byRole = roleMay(caller, action);
  if (byRole !== 'allow') return byRole === 'forbidden' && !visible ? 'hidden' : byRole;
  if (actsFor(caller, company)) return 'allow';
  return visible ? 'forbidden' : 'hidden';
}
