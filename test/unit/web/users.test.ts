/**
 * The users workspace's pure parts: its routes in the fragment, the body the add form sends (only
 * the fields the role takes, the lifetime as the language writes numbers), full companies told
 * from directory entries, regions by name; its texts in both languages; and the bokmål of the
 * messages services/users.ts composes at run time (the source reader of api-text.test.ts sees the
 * plain literals only).
 */
import { describe, expect, it } from 'vitest';
import { UserInputSchema } from '../../../src/domain/user.ts';
import { schemaProblems } from '../../../web/src/forms/schema-check.ts';
import { apiText, translatesApiText } from '../../../web/src/i18n/api-text.ts';
import { en, nb } from '../../../web/src/workspaces/users/messages.ts';
import { accountHref, usersRouteIn } from '../../../web/src/workspaces/users/routes.ts';
import {
  type CompanyEntry,
  emptyDraft,
  isFullCompany,
  regionLabel,
  tokenBody,
  userBody,
  withRegion,
} from '../../../web/src/workspaces/users/user-input.ts';

describe('the users workspace’s routes', () => {
  it('when the fragment names the list, the form or an account, then the route says which', () => {
    expect(usersRouteIn('#/users')).toEqual({ name: 'list' });
    expect(usersRouteIn('#/users/')).toEqual({ name: 'list' });
    expect(usersRouteIn('#/users/new')).toEqual({ name: 'new' });
    expect(usersRouteIn(accountHref('usr_1'))).toEqual({ name: 'account', id: 'usr_1' });
    expect(usersRouteIn(accountHref('a/b c'))).toEqual({ name: 'account', id: 'a/b c' });
    expect(usersRouteIn('#/users/%E0%A4%A')).toEqual({ name: 'list' });
  });
});

describe('the body of POST /users', () => {
  const draft = {
    ...emptyDraft('business'),
    name: 'Kari',
    companies: [{ id: 'co_1', name: 'Storvik Aluminium AS' }],
    regions: ['4617'],
  };

  it('when the role is business, then the companies go and the regions do not', () => {
    expect(userBody(draft, 'en')).toEqual({
      name: 'Kari',
      role: 'business',
      companyIds: ['co_1'],
      expiresInDays: 90,
    });
  });

  it('when the role is facilitator, then the regions go and the companies do not', () => {
    expect(userBody({ ...draft, role: 'facilitator' }, 'en')).toEqual({
      name: 'Kari',
      role: 'facilitator',
      regions: ['4617'],
      expiresInDays: 90,
    });
  });

  it('when the role is analyst or admin, then neither goes, and the API’s schema accepts it', () => {
    const body = userBody({ ...draft, role: 'analyst' }, 'en');
    expect(body).toEqual({ name: 'Kari', role: 'analyst', expiresInDays: 90 });
    expect(schemaProblems(UserInputSchema, body)).toEqual([]);
  });

  it('when the lifetime is blank, written in bokmål, or no number, then it is left out, read, or sent as typed', () => {
    expect(userBody({ ...draft, days: ' ' }, 'en')).not.toHaveProperty('expiresInDays');
    expect(userBody({ ...draft, days: '1 000' }, 'nb').expiresInDays).toBe(1000);
    const typed = userBody({ ...draft, days: 'soon' }, 'en');
    expect(typed.expiresInDays).toBe('soon');
    expect(schemaProblems(UserInputSchema, typed).map((p) => p.path)).toEqual(['expiresInDays']);
    expect(tokenBody('', 'en')).toEqual({});
    expect(tokenBody('30', 'en')).toEqual({ expiresInDays: 30 });
  });

  it('when a facilitator has no region or a business user a blank name, then the schema names the field', () => {
    expect(
      schemaProblems(UserInputSchema, userBody({ ...draft, role: 'facilitator', regions: [] }, 'en')),
    ).toEqual([
      {
        path: 'regions',
        message: 'a facilitator needs at least one region (a county or municipality number, or all)',
      },
    ]);
    expect(
      schemaProblems(UserInputSchema, userBody({ ...draft, name: '  ' }, 'en')).map((p) => p.path),
    ).toEqual(['name']);
  });
});

describe('companies and regions', () => {
  const full: CompanyEntry = {
    id: 'co_1',
    name: 'Storvik Aluminium AS',
    country: 'NO',
    industry: '24.420',
    industryDivision: '24',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    version: 1,
  };
  const directory: CompanyEntry = {
    id: 'co_2',
    name: 'Fjordsil AS',
    country: 'NO',
    industry: '24.450',
    industryDivision: '24',
    directory: true,
  };

  it('when GET /companies answers a full company and a directory entry, then only the full one may be chosen', () => {
    expect(isFullCompany(full)).toBe(true);
    expect(isFullCompany(directory)).toBe(false);
    // A full company without contact details is still full.
    expect('contact' in full).toBe(false);
  });

  it('when a region is named, then its name and code show; all and unknown codes stay readable', () => {
    const names = {
      counties: new Map([['46', 'Vestland']]),
      municipalities: new Map([['4617', 'Kvinnherad']]),
    };
    expect(regionLabel('4617', names, 'All of Norway')).toBe('Kvinnherad (4617)');
    expect(regionLabel('46', names, 'All of Norway')).toBe('Vestland (46)');
    expect(regionLabel('all', names, 'Hele landet')).toBe('Hele landet');
    expect(regionLabel('9999', names, 'All of Norway')).toBe('9999');
    expect(regionLabel('4617', null, 'All of Norway')).toBe('4617');
  });

  it('when regions are added, then all stands alone and none is there twice', () => {
    expect(withRegion([], '46')).toEqual(['46']);
    expect(withRegion(['46'], '4617')).toEqual(['46', '4617']);
    expect(withRegion(['46', '4617'], '46')).toEqual(['4617', '46']);
    expect(withRegion(['46'], 'all')).toEqual(['all']);
    expect(withRegion(['all'], '46')).toEqual(['46']);
    expect(withRegion(['46'], '')).toEqual(['46']);
  });
});

describe('the users workspace’s texts', () => {
  it('when the texts are listed, then every key starts with users. and has bokmål of its own', () => {
    const keys = Object.keys(en) as (keyof typeof en)[];
    expect(keys.every((k) => k.startsWith('users.'))).toBe(true);
    expect(Object.keys(nb).sort()).toEqual([...keys].sort());
    const same = keys.filter((k) => en[k] === nb[k]);
    expect(same).toEqual(['users.none']);
    // The marks a text fills in are the same in both languages.
    const marks = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of keys) expect(marks(nb[k]), k).toEqual(marks(en[k]));
  });
});

describe('the bokmål of the messages services/users.ts composes', () => {
  it('when a message names a user, a company or a count, then it has bokmål with the value kept', () => {
    const cases: [string, string][] = [
      ["you do not act for company 'co_1'", "du handler ikke for bedriften 'co_1'"],
      ["company 'co_1' is named twice", "bedriften 'co_1' er valgt to ganger"],
      [
        "user 'usr_1' is disabled; it gets no new token",
        "brukeren 'usr_1' er deaktivert; den får ingen ny nøkkel",
      ],
      [
        "user 'usr_1' already holds 10 valid tokens; revoke one first",
        "brukeren 'usr_1' har allerede 10 gyldige nøkler; trekk tilbake én først",
      ],
      ['at most 10 valid tokens per user', 'høyst 10 gyldige nøkler per bruker'],
      ['token request is not valid', 'forespørselen om token er ikke gyldig'],
      ["user 'usr_1' does not exist", "brukeren 'usr_1' finnes ikke"],
    ];
    for (const [message, bokmal] of cases) {
      expect(translatesApiText(message), message).toBe(true);
      expect(apiText(message, 'nb')).toBe(bokmal);
    }
  });
});
