import { describe, expect, it } from 'vitest';
import { contentHash, stableStringify } from '../../../src/store/content-hash.ts';

/** Any stored record: its own fields plus the two timestamps. */
const hash = (record: { [field: string]: unknown; createdAt?: string; updatedAt?: string }) =>
  contentHash(record);

const company = {
  ref: 'acme',
  name: 'Acme AS',
  contact: { name: 'Kari', email: 'kari@acme.example' },
  sites: ['north', 'south'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('contentHash', () => {
  it('when the same content comes with keys in another order, also nested, then the hash is the same', () => {
    const reordered = {
      updatedAt: company.updatedAt,
      sites: ['north', 'south'],
      contact: { email: 'kari@acme.example', name: 'Kari' },
      name: 'Acme AS',
      createdAt: company.createdAt,
      ref: 'acme',
    };
    expect(hash(reordered)).toBe(hash(company));
  });

  it('when only createdAt and updatedAt differ, then the hash is the same', () => {
    const later = {
      ...company,
      createdAt: '2027-05-05T10:00:00.000Z',
      updatedAt: '2027-05-06T10:00:00.000Z',
    };
    expect(hash(later)).toBe(hash(company));
  });

  it('when a field is undefined, then it hashes as if absent', () => {
    expect(hash({ ...company, description: undefined })).toBe(hash(company));
  });

  it('when a top-level value changes, then the hash changes', () => {
    expect(hash({ ...company, name: 'Acme ASA' })).not.toBe(hash(company));
  });

  it('when a nested value changes, then the hash changes', () => {
    expect(hash({ ...company, contact: { ...company.contact, email: 'ola@acme.example' } })).not.toBe(
      hash(company),
    );
  });

  it('when the order of a list changes, then the hash changes (lists are ordered content)', () => {
    expect(hash({ ...company, sites: ['south', 'north'] })).not.toBe(hash(company));
  });

  it('when a field is added, then the hash changes', () => {
    expect(hash({ ...company, orgNumber: '923609016' })).not.toBe(hash(company));
  });

  it('when a value changes type ("1" to 1), then the hash changes', () => {
    expect(hash({ a: '1' })).not.toBe(hash({ a: 1 }));
  });
});

describe('stableStringify', () => {
  it('when keys are unsorted, then they are written sorted at every level', () => {
    expect(stableStringify({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });
});
