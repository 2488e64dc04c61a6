/**
 * What the users workspace sends and how it names what it shows: the body of POST /users from
 * the form's draft (only the fields the role takes), full companies told from directory entries,
 * and region codes by their names. Pure, so it is tested without a browser.
 */

// Types from the generated file itself, not client.ts: this module is pure (no DOM), so the unit
// tests, type-checked for Node, load it.
import type { components, paths } from '../../api/schema.d.ts';
import { parseNumber } from '../facilitator/field-errors.ts';

type Schemas = components['schemas'];
type Role = Schemas['Me']['role'];

export const ROLES: readonly Role[] = ['business', 'facilitator', 'analyst', 'admin'];

/** The days a token is valid unless the form says otherwise (the API's default too). */
export const DEFAULT_DAYS = 90;

export type CompanyEntry = Schemas['Company'] | Schemas['DirectoryCompany'];

/**
 * A company the caller acts for: GET /companies shows it in full (with its `version`); one it does
 * not act for is a directory entry (`directory: true`, no version, no contact). Only those may be
 * chosen for a new business user.
 */
export function isFullCompany(company: CompanyEntry): company is Schemas['Company'] {
  return !('directory' in company) && typeof (company as { version?: unknown }).version === 'number';
}

export interface UserDraft {
  name: string;
  role: Role;
  companies: { id: string; name: string }[];
  /** County (2 digits) or municipality (4 digits) numbers, or `all`. */
  regions: string[];
  /** The token's lifetime in days as typed. */
  days: string;
}

export const emptyDraft = (role: Role): UserDraft => ({
  name: '',
  role,
  companies: [],
  regions: [],
  days: String(DEFAULT_DAYS),
});

export type UserBody = paths['/users']['post']['requestBody']['content']['application/json'];

/**
 * The body of POST /users: companies for a business user only, regions for a facilitator only,
 * the lifetime as the language writes numbers (left out when blank, so the API's default holds;
 * text that is no number goes as typed, so the schema names what is wrong with it).
 */
export function userBody(draft: UserDraft, language: 'en' | 'nb'): UserBody {
  const days = parseNumber(draft.days, language);
  return {
    name: draft.name,
    role: draft.role,
    ...(draft.role === 'business' && { companyIds: draft.companies.map((c) => c.id) }),
    ...(draft.role === 'facilitator' && { regions: draft.regions }),
    ...(days !== undefined && { expiresInDays: days as number }),
  };
}

/** The body of POST /users/{id}/tokens: the lifetime, or nothing for the API's default. */
export function tokenBody(days: string, language: 'en' | 'nb'): { expiresInDays?: number } {
  const value = parseNumber(days, language);
  return value === undefined ? {} : { expiresInDays: value as number };
}

export interface RegionNames {
  counties: ReadonlyMap<string, string>;
  municipalities: ReadonlyMap<string, string>;
}

/**
 * A region code as people name it: `Kvinnherad (4617)`, `Vestland (46)`; `all` is whatever the
 * language calls the whole country; a code the lists do not hold stays a code.
 */
export function regionLabel(code: string, names: RegionNames | null, all: string): string {
  if (code === 'all') return all;
  const name = (code.length === 2 ? names?.counties : names?.municipalities)?.get(code);
  return name === undefined ? code : `${name} (${code})`;
}

/** Adds a region to the chosen ones: `all` stands alone, and a code is never there twice. */
export function withRegion(regions: readonly string[], code: string): string[] {
  if (code === '') return [...regions];
  if (code === 'all') return ['all'];
  return [...regions.filter((r) => r !== 'all' && r !== code), code];
}
