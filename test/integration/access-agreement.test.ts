/**
 * The access policy exists once (src/domain/access.ts) and is applied twice: in JavaScript when a
 * listing or suggestion is presented, and in Cypher (cypher/fragments.cypher) when queries filter.
 * This test holds the two to the same answers, for random listings and random callers, against
 * Neo4j.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ListingFacts, listingAccess, listingView, suggestionShown } from '../../src/domain/access.ts';
import type { Caller } from '../../src/domain/caller.ts';
import { CYPHER_DIR } from '../../src/reference/paths.ts';
import type { Runtime } from '../../src/runtime.ts';
import { expandFragments, parseFragments } from '../../src/store/queries.ts';
import { openTestRuntime, wipeBusinessData } from '../support/harness.ts';

const fragments = parseFragments(readFileSync(join(CYPHER_DIR, 'fragments.cypher'), 'utf8'));
const cypher = (text: string) => expandFragments(text, fragments);

const COMPANIES = ['co_a', 'co_b', 'co_c', 'co_d'];
const PLACES = [
  { municipalityCode: '4617', countyCode: '46' },
  { municipalityCode: '4601', countyCode: '46' },
  { municipalityCode: '0301', countyCode: '03' },
  { municipalityCode: null, countyCode: null },
];

const listingArb = fc.record({
  companyId: fc.constantFrom(...COMPANIES),
  confidentiality: fc.constantFrom('public', 'anonymous', 'private' as const),
  place: fc.constantFrom(...PLACES),
});

const callerArb: fc.Arbitrary<Caller> = fc.oneof(
  fc.constant<Caller>({ kind: 'public' }),
  fc
    .record({
      role: fc.constantFrom('business', 'facilitator', 'analyst', 'admin' as const),
      companyIds: fc.subarray(COMPANIES),
      regions: fc.oneof(fc.constant('all' as const), fc.subarray(['46', '4617', '4601', '03', '0301', '11'])),
    })
    .map(
      (r): Caller => ({
        kind: 'user',
        userId: 'usr_probe',
        name: 'probe',
        role: r.role,
        companyIds: r.role === 'business' ? r.companyIds : [],
        regions: r.role === 'facilitator' ? r.regions : [],
        tokenId: 'tok_probe',
        tokenExpiresAt: '9999-01-01T00:00:00.000Z',
      }),
    ),
);

let runtime: Runtime;
beforeAll(async () => {
  runtime = await openTestRuntime();
  await wipeBusinessData(runtime);
});
afterAll(async () => {
  await runtime?.close();
});

type ProbeListing = {
  companyId: string;
  confidentiality: ListingFacts['confidentiality'];
  place: (typeof PLACES)[number];
};

const factsOf = (l: ProbeListing): ListingFacts => ({
  companyId: l.companyId,
  confidentiality: l.confidentiality,
  regions: [l.place.municipalityCode, l.place.countyCode].filter((c): c is string => c !== null),
});

describe('the access policy in JavaScript and in Cypher', () => {
  it('when random listings meet random callers, then Cypher shows, identifies and pairs exactly what access.ts does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(listingArb, { minLength: 2, maxLength: 12 }),
        fc.array(callerArb, { minLength: 1, maxLength: 6 }),
        async (listings, callers) => {
          const rows = listings.map((l, i) => ({ id: `li_${i}`, ...l, ...l.place }));
          await runtime.deps.store.write((tx) =>
            tx.run(
              `MATCH (n:AccessProbe) DETACH DELETE n WITH count(*) AS _
               UNWIND $rows AS row
               CREATE (l:AccessProbe {id: row.id, companyId: row.companyId, confidentiality: row.confidentiality})
               CREATE (s:AccessProbe {municipalityCode: row.municipalityCode, countyCode: row.countyCode})
               CREATE (l)-[:PROBE_AT]->(s)`,
              { rows },
            ),
          );
          for (const caller of callers) {
            const access = listingAccess(caller);
            const listed = await runtime.deps.store.read((tx) =>
              tx.run(
                cypher(`MATCH (l:AccessProbe)-[:PROBE_AT]->(s)
                 RETURN l.id AS id, {{visible(l, s)}} AS visible, {{identified(l, s)}} AS identified`),
                { access },
              ),
            );
            for (const rec of listed.records) {
              const l = listings[Number((rec.get('id') as string).slice(3))]!;
              const view = listingView(access, factsOf(l));
              expect([rec.get('visible'), rec.get('identified')]).toEqual([
                view !== 'hidden',
                view === 'identified',
              ]);
            }
            const pairs = await runtime.deps.store.read((tx) =>
              // The fragment's first argument is the suggestion: a probe has no processor, so a pair.
              tx.run(
                cypher(`MATCH (o:AccessProbe)-[:PROBE_AT]->(os), (n:AccessProbe)-[:PROBE_AT]->(ns)
                 WHERE o.id < n.id
                 RETURN o.id AS offer, n.id AS need, {{suggestionShown(o, o, os, n, ns)}} AS shown`),
                { access },
              ),
            );
            for (const rec of pairs.records) {
              const o = listings[Number((rec.get('offer') as string).slice(3))]!;
              const n = listings[Number((rec.get('need') as string).slice(3))]!;
              expect(rec.get('shown')).toBe(suggestionShown(access, factsOf(o), factsOf(n)));
            }
          }
        },
      ),
      { numRuns: 40, seed: 20261202 },
    );
    await runtime.deps.store.write((tx) => tx.run('MATCH (n:AccessProbe) DETACH DELETE n'));
  });

  it("when a chain's four listings meet random callers, then Cypher shows it exactly when access.ts does, its processor a party", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(
          listingArb,
          listingArb,
          listingArb,
          fc.constantFrom('public', 'anonymous', 'private' as const),
        ),
        fc.array(callerArb, { minLength: 1, maxLength: 6 }),
        async ([offer, need, processorNeed, processorOfferConfidentiality], callers) => {
          // The processor's offer is at its need's site, of its company.
          const processorOffer = { ...processorNeed, confidentiality: processorOfferConfidentiality };
          const chain = [offer, need, processorNeed, processorOffer];
          const rows = chain.map((l, i) => ({ id: `li_${i}`, ...l, ...l.place }));
          // Labelled Listing and Site: the fragment follows THROUGH to them.
          await runtime.deps.store.write((tx) =>
            tx.run(
              `MATCH (n:AccessProbe) DETACH DELETE n WITH count(*) AS _
               UNWIND $rows AS row
               CREATE (l:AccessProbe:Listing {id: 'probe_' + row.id, probe: row.id, companyId: row.companyId,
                                              confidentiality: row.confidentiality})
               CREATE (s:AccessProbe:Site {municipalityCode: row.municipalityCode, countyCode: row.countyCode})
               CREATE (l)-[:AT_SITE]->(s)
               WITH count(*) AS _
               CREATE (sg:AccessProbe {processorNeedId: 'probe_li_2', processorOfferId: 'probe_li_3',
                                       processorCompanyId: $processor})
               WITH sg
               MATCH (l:AccessProbe:Listing) WHERE l.probe IN ['li_2', 'li_3']
               CREATE (sg)-[:THROUGH]->(l)`,
              { rows, processor: processorNeed.companyId },
            ),
          );
          for (const caller of callers) {
            const access = listingAccess(caller);
            const shown = await runtime.deps.store.read((tx) =>
              tx.run(
                cypher(`MATCH (sg:AccessProbe) WHERE sg.processorNeedId IS NOT NULL
                 MATCH (o:Listing {probe: 'li_0'})-[:AT_SITE]->(os), (n:Listing {probe: 'li_1'})-[:AT_SITE]->(ns)
                 RETURN {{suggestionShown(sg, o, os, n, ns)}} AS shown`),
                { access },
              ),
            );
            const [o, n, pn, po] = chain.map(factsOf) as [
              ListingFacts,
              ListingFacts,
              ListingFacts,
              ListingFacts,
            ];
            expect(shown.records[0]?.get('shown')).toBe(suggestionShown(access, o, n, [pn, po]));
          }
        },
      ),
      { numRuns: 40, seed: 20261202 },
    );
    await runtime.deps.store.write((tx) => tx.run('MATCH (n:AccessProbe) DETACH DELETE n'));
  });
});
