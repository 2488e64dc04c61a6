/**
 * The web app's phrasebook for the engine's English texts (web/src/i18n/engine-text.ts): the real
 * engine is run over the demo region and every evaluation case, with every pair kept (minScore 0)
 * and a feedback table learned from made-up decisions, and its suggestions are also presented as
 * from anonymised locations; every reason, route detail and note it writes must come out in
 * bokmål. A few texts are checked word for word, and hand-made texts reach the templates the
 * data sets do not, so that every template is tried.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ListingAccess, ListingFacts } from '../../../src/domain/access.ts';
import { ImportCompanySchema, ImportListingSchema } from '../../../src/domain/import-document.ts';
import { materialiseListing } from '../../../src/domain/listing-rules.ts';
import { presentSuggestion } from '../../../src/domain/presentation.ts';
import { buildMatchIndex } from '../../../src/matching/candidates.ts';
import { explainChain, findChains, linksOf } from '../../../src/matching/chains.ts';
import { diagnoseListing } from '../../../src/matching/diagnostics.ts';
import {
  buildFeedback,
  type Decision,
  distanceBand,
  resourceFamily,
} from '../../../src/matching/feedback.ts';
import { allCompatiblePairs } from '../../../src/matching/naive.ts';
import type { Candidate, MatchInput, MatchListing } from '../../../src/matching/types.ts';
import { loadCostSet } from '../../../src/reference/costs.ts';
import { listFactorSets, loadFactorSet } from '../../../src/reference/factors.ts';
import { loadLand } from '../../../src/reference/land.ts';
import { loadHourlyProfile, loadReferenceData } from '../../../src/reference/load.ts';
import { loadMatchConfig } from '../../../src/reference/match-config.ts';
import { DATA_DIR } from '../../../src/reference/paths.ts';
import { SUBSTITUTIONS_NB } from '../../../web/src/i18n/engine-substitutions.ts';
import {
  ENGINE_TEMPLATES,
  engineText,
  engineTextOf,
  explainEngineText,
  translateEngineText,
} from '../../../web/src/i18n/engine-text.ts';

const NBSP = '\u00a0';
const STAMP = '2025-01-01T00:00:00Z';

const reference = loadReferenceData();
const config = { ...loadMatchConfig(), minScore: 0 };
const factorSet = loadFactorSet();
const comparedFactorSets = listFactorSets().map((s) => loadFactorSet(s.id));
const costSet = loadCostSet();
const land = loadLand();
const hourlyProfiles = new Map([...reference.hourlyProfiles].map((name) => [name, loadHourlyProfile(name)]));

/** An import document's listings as the engine reads them, each listing's ref its id. */
function listingsOf(file: string): MatchListing[] {
  const doc = JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8')) as {
    companies: unknown[];
    listings: unknown[];
  };
  const sites = new Map<string, { lat: number; lon: number; companyId: string }>();
  for (const row of doc.companies) {
    const company = ImportCompanySchema.parse(row);
    for (const s of company.sites) sites.set(s.ref, { lat: s.lat, lon: s.lon, companyId: company.ref });
  }
  return doc.listings.map((row) => {
    const { site, ref, company: _company, ...data } = ImportListingSchema.parse(row);
    const at = sites.get(site)!;
    const listing = materialiseListing(
      { ...data, siteId: site },
      reference,
      { id: ref, companyId: at.companyId },
      { createdAt: STAMP, updatedAt: STAMP },
    );
    return { ...listing, lat: at.lat, lon: at.lon };
  });
}

/**
 * Decisions that teach the rule something about the pairs of a run: per pairing, three quality
 * rejections, a price rejection and one taken forward; per kind and distance band, three
 * rejections for distance. Some pairs then get a pairing adjustment, some a band one, some both.
 */
function decisionsFor(candidates: readonly Candidate[], byId: ReadonlyMap<string, MatchListing>): Decision[] {
  const decisions: Decision[] = [];
  const pairings = new Set<string>();
  const bands = new Set<string>();
  for (const [i, c] of candidates.entries()) {
    const offer = byId.get(c.offerId)!;
    const need = byId.get(c.needId)!;
    const base = {
      kind: c.kind,
      offerFamily: resourceFamily(offer),
      needFamily: resourceFamily(need),
      band: distanceBand(c.distanceKm),
    };
    const pairing = `${base.kind}|${base.offerFamily}|${base.needFamily}`;
    if (i % 2 === 0 && !pairings.has(pairing)) {
      pairings.add(pairing);
      for (const reasonCode of ['quality', 'quality', 'quality', 'price'])
        decisions.push({ ...base, outcome: 'turned-down', reasonCode });
      decisions.push({ ...base, outcome: 'accepted' });
    }
    const band = `${base.kind}|${base.band}`;
    if (i % 3 === 0 && !bands.has(band)) {
      bands.add(band);
      for (let n = 0; n < 3; n++) decisions.push({ ...base, outcome: 'turned-down', reasonCode: 'distance' });
    }
  }
  return decisions;
}

/** Every listing anonymised: the distance term is then worded from the coarse locations. */
const ANONYMISED: ListingAccess = {
  all: false,
  companyIds: [],
  regions: [],
  anonymised: ['anonymous', 'private'],
  involvedOnly: false,
};
const anonymousFacts = (l: MatchListing): ListingFacts => ({
  companyId: l.companyId,
  confidentiality: 'anonymous',
  regions: [],
});

/** Every text the engine writes for the data sets: term reasons and route details, by where they come from. */
function engineTexts(): Map<string, string> {
  const texts = new Map<string, string>();
  const files = [
    'demo/region.json',
    ...readdirSync(join(DATA_DIR, 'cases'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `cases/${f}`),
  ];
  for (const file of files) {
    const listings = listingsOf(file);
    const byId = new Map(listings.map((l) => [l.id, l]));
    const input: MatchInput = { listings, reference, factorSet, config, hourlyProfiles, comparedFactorSets };
    const plain = allCompatiblePairs(input);
    const feedback = buildFeedback(decisionsFor(plain, byId), config.feedback!);
    const learned = allCompatiblePairs({ ...input, feedback });
    // With a cost set and the land outline, the distance term names both distances.
    const costed = allCompatiblePairs({ ...input, costSet, land });
    for (const c of [...plain, ...learned, ...costed]) {
      for (const term of c.terms) texts.set(term.reason, `${file} ${term.name}`);
      if (c.route.detail !== undefined) texts.set(c.route.detail, `${file} route`);
      const offer = byId.get(c.offerId)!;
      const need = byId.get(c.needId)!;
      // A stored suggestion's figures, as the service presents them.
      const stored = { ...c, impact: { ...c.impact }, co2eAvoidedT: c.impact.co2eAvoidedT };
      const shown = presentSuggestion(
        ANONYMISED,
        stored,
        { listing: offer, facts: anonymousFacts(offer) },
        { listing: need, facts: anonymousFacts(need) },
      );
      for (const term of shown?.terms ?? []) texts.set(term.reason, `${file} ${term.name} (anonymised)`);
    }
    // Chains through processors (chains.ts): the chain's own term, also from anonymised locations.
    for (const plan of findChains(linksOf(plain), listings, reference)) {
      const chain = explainChain(
        plan,
        plain[plan.first]!,
        plain[plan.second]!,
        byId.get(plan.processorOfferId)!,
        factorSet,
      );
      for (const term of chain.terms) texts.set(term.reason, `${file} chain`);
      const shownOf = (id: string) => ({ listing: byId.get(id)!, facts: anonymousFacts(byId.get(id)!) });
      const stored = {
        ...chain,
        impact: { ...chain.impact },
        co2eAvoidedT: chain.impact.co2eAvoidedT,
        chain: {
          links: chain.links as unknown as {
            score: number;
            distanceKm: number;
            terms: { name: string; weight: number; value: number; reason: string }[];
            impact: Record<string, unknown>;
          }[],
        },
      };
      const shown = presentSuggestion(
        ANONYMISED,
        stored as never,
        shownOf(chain.offerId),
        shownOf(chain.needId),
        {
          need: shownOf(chain.processorNeedId),
          offer: shownOf(chain.processorOfferId),
        },
      );
      for (const term of (shown as { terms?: { reason: string }[] } | null)?.terms ?? [])
        texts.set(term.reason, `${file} chain (anonymised)`);
    }
    // The diagnostics of every listing: the rules that block or lower its closest counterparts.
    const index = buildMatchIndex({ ...input, config: loadMatchConfig() });
    for (const listing of listings) {
      for (const c of diagnoseListing(index, listing, { limit: 20 }).closest)
        for (const rule of c.rules) texts.set(rule.reason, `${file} diagnosis ${rule.code}`);
    }
  }
  return texts;
}

const TEXTS = engineTexts();

/** Texts the data sets do not produce, one or more per template they leave out, with their bokmål. */
const HAND_MADE: [string, string][] = [
  // diagnostics.ts and the fits' refusals the data sets do not meet.
  ['a listing lacks the details of its kind', 'en oppføring mangler opplysningene for sin type'],
  [
    'steam at 300 °C cannot serve a cold need directly, and is too hot to need a heat pump',
    'damp på 300 °C kan ikke dekke et behov for kulde direkte, og er for varm til å trenge en varmepumpe',
  ],
  [
    'cold at 8 °C is 2 K below the 10 °C need, less than the 5 K approach',
    'kulde på 8 °C er 2 K under behovet på 10 °C, mindre enn minste temperaturdifferanse på 5 K',
  ],
  [
    'the offer is hazardous waste and the need does not accept hazardous waste',
    'tilbudet er farlig avfall, og behovet tar ikke imot farlig avfall',
  ],
  [
    'the need accepts nothing it names; the offer has no code (no category), and the need names no category a documented substitution could lead to',
    'behovet godtar ingenting den navngir; tilbudet har ingen kode (ingen kategori), og behovet navngir ingen kategori en dokumentert erstatning kunne føre til',
  ],
  [
    'the offer is available 2025-01-01–2025-03-31, the need now–onwards: the periods do not overlap',
    'tilbudet er tilgjengelig fra 1. jan. 2025 til 31. mars 2025, behovet fra nå og framover: periodene overlapper ikke',
  ],
  ['12.5 km apart, beyond the 10 km limit', '12,5 km fra hverandre, utenfor grensen på 10 km'],
  [
    'about 40 km apart, measured from an anonymised location; beyond the 30 km limit',
    'omtrent 40 km fra hverandre, målt fra en anonymisert plassering; utenfor grensen på 30 km',
  ],
  [
    "about 40 km apart, measured from an anonymised location; beyond the 30 km limit (the listings' own)",
    'omtrent 40 km fra hverandre, målt fra en anonymisert plassering; utenfor grensen på 30 km (oppføringenes egen)',
  ],
  [
    'nothing to transfer: the offer or the need states no quantity',
    'ingenting å overføre: tilbudet eller behovet oppgir ingen mengde',
  ],
  [
    'nothing to transfer: month by month the offer covers 0% of the need',
    `ingenting å overføre: måned for måned dekker tilbudet 0${NBSP}% av behovet`,
  ],
  ['scores 0.12, below the minimum of 0.3', 'får 0,12 poeng, under minstekravet på 0,3'],
  [
    'scores 0.12 even with the rules above set aside, below the minimum of 0.3',
    'får 0,12 poeng selv med reglene over satt til side, under minstekravet på 0,3',
  ],
  ['the offered resource does not serve the need', 'den tilbudte ressursen dekker ikke behovet'],
  ['the need states no quantity', 'behovet oppgir ingen mengde'],
  [
    'the offer is available now–onwards, only part of the open-ended need',
    'tilbudet er tilgjengelig fra nå og framover, bare en del av det tidsubegrensede behovet',
  ],
  [
    'cold at 5 °C serves the 10 °C need with 5 K to spare (temperature assumed typical for the carrier)',
    'kulde på 5 °C dekker behovet på 10 °C med 5 K i margin (temperaturen er antatt typisk for energibæreren)',
  ],
  ['cold offered for a cooling-water need', 'kulde tilbys til et behov for kjølevann'],
  [
    'source is 2.5 K from the need, below the 5 K approach',
    'kilden er 2,5 K fra behovet, under minste temperaturdifferanse på 5 K',
  ],
  ['source temperature below absolute zero', 'kildetemperaturen er under det absolutte nullpunktet'],
  ['lift 72.5 K exceeds 60 K', 'løftet på 72,5 K er over 60 K'],
  ['estimated COP 0.95 recovers no heat', 'anslått COP 0,95 gjenvinner ingen varme'],
  ['chapter 10', 'kapittel 10'],
  [
    "offer code 100101 is accepted by the need's chapter 10",
    'tilbudets kode 100101 godtas av behovets kapittel 10',
  ],
  [
    `purity not stated (need ≥ 95%); moisture not stated (need ≤ 12.5%)`,
    `renhet ikke oppgitt (behovet krever ≥ 95${NBSP}%); fuktinnhold ikke oppgitt (behovet tåler ≤ 12,5${NBSP}%)`,
  ],
  ['contains lead; chlorides, which the need excludes', 'inneholder lead; chlorides, som behovet utelukker'],
  [
    "none of the need's excluded contaminants declared",
    'ingen av forurensningene behovet utelukker, er oppgitt',
  ],
  ['the need states no quality requirements', 'behovet stiller ingen kvalitetskrav'],
  ['the need requires no facilities', 'behovet krever ingen fasiliteter'],
  [
    'the need requires no facilities; zoning of the plot not stated (need: industri)',
    'behovet krever ingen fasiliteter; tomtens regulering er ikke oppgitt (behovet: industri)',
  ],
  [
    'all required facilities present (quay, rail); zoned næring where industri is wanted',
    'alle påkrevde fasiliteter finnes (kai, jernbane); regulert til næring der industri ønskes',
  ],
  [
    'the need requires no facilities; zoned industri as wanted',
    'behovet krever ingen fasiliteter; regulert til industri, som ønsket',
  ],
  ['mixed land can serve a agricultural use', 'areal for blandet bruk kan brukes til landbruk'],
  [
    'about 12.3 km, measured from an anonymised location',
    'omtrent 12,3 km, målt fra en anonymisert plassering',
  ],
  [
    'facilitator feedback: −0.09 from 3 distance rejections of land pairs 150+ km apart',
    'tilbakemelding fra tilretteleggere: −0,09 fra 3 avvisninger på grunn av avstand for arealpar 150 km eller mer fra hverandre',
  ],
  ['listing lst_8f2a changed', 'oppføringen lst_8f2a ble endret'],
  ['listing lst_8f2a was deleted', 'oppføringen lst_8f2a ble slettet'],
  [
    'both businesses are interested: each now sees who the other is',
    'begge bedriftene er interessert: nå ser hver av dem hvem den andre er',
  ],
  ['both businesses are interested', 'begge bedriftene er interessert'],
  [
    'all three businesses are interested: each now sees who the others are',
    'alle tre bedriftene er interessert: nå ser hver av dem hvem de andre er',
  ],
  ['all three businesses are interested', 'alle tre bedriftene er interessert'],
  // regulation.ts and the material fit's hard constraints (no data set states these facts).
  [
    "offer code 020202 belongs to the need's category animal-feed-input; animal by-product category 3 to feed: after processing in an approved plant (Regulation (EC) No 1069/2009, Art. 14); a by-product (Directive 2008/98/EC, Art. 5)",
    'tilbudets kode 020202 hører til behovets kategori animal-feed-input; animalsk biprodukt i kategori 3 til fôr: etter bearbeiding i et godkjent anlegg (forordning (EF) nr. 1069/2009, art. 14); et biprodukt (direktiv 2008/98/EF, art. 5)',
  ],
  [
    "offer code 020202 is accepted by the need's sub-chapter 0202; animal by-product category 1: the receiver needs registration or approval for it (Regulation (EC) No 1069/2009, Art. 23-24); waste, to a receiver with a permit to take it (Directive 2008/98/EC, Art. 23)",
    'tilbudets kode 020202 godtas av behovets underkapittel 0202; animalsk biprodukt i kategori 1: mottakeren må være registrert eller godkjent for det (forordning (EF) nr. 1069/2009, art. 23–24); avfall, til en mottaker med tillatelse til å ta imot det (direktiv 2008/98/EF, art. 23)',
  ],
  [
    'animal by-product category 2 to fertiliser or soil improvement: only after pressure sterilisation, except manure and digestive tract content (Regulation (EC) No 1069/2009, Art. 13); end-of-waste (Directive 2008/98/EC, Art. 6)',
    'animalsk biprodukt i kategori 2 til gjødsel eller jordforbedring: bare etter trykksterilisering, unntatt husdyrgjødsel og innhold i fordøyelseskanalen (forordning (EF) nr. 1069/2009, art. 13); har opphørt å være avfall (direktiv 2008/98/EF, art. 6)',
  ],
  [
    'animal by-product category 1 may not go to biogas or compost (Regulation (EC) No 1069/2009, Art. 12)',
    'animalsk biprodukt i kategori 1 kan ikke gå til biogass eller kompost (forordning (EF) nr. 1069/2009, art. 12)',
  ],
  [
    'the offer is waste and the need states no permit to take waste (Directive 2008/98/EC, Art. 23)',
    'tilbudet er avfall, og behovet oppgir ingen tillatelse til å ta imot avfall (direktiv 2008/98/EF, art. 23)',
  ],
  [
    'the offer is waste and the need takes only by-products and end-of-waste (Directive 2008/98/EC, Art. 5-6)',
    'tilbudet er avfall, og behovet tar bare imot biprodukter og materialer som har opphørt å være avfall (direktiv 2008/98/EF, art. 5–6)',
  ],
  [
    'the offer does not state that it is a by-product or end-of-waste, which the need requires (Directive 2008/98/EC, Art. 5-6)',
    'tilbudet oppgir ikke at det er et biprodukt eller har opphørt å være avfall, noe behovet krever (direktiv 2008/98/EF, art. 5–6)',
  ],
  ['form liquid as required', 'formen er væske, som påkrevd'],
  ['form not stated (the need requires liquid)', 'formen er ikke oppgitt (behovet krever væske)'],
  ['form solid offered where the need requires liquid', 'formen fast stoff tilbys der behovet krever væske'],
  [
    'the offer is fibrous-plant-residues and the need asks for molasses: their shared code 020499 does not make them the same material, and no documented substitution links them',
    'tilbudet er fibrous-plant-residues og behovet ber om molasses: den felles koden 020499 gjør dem ikke til samme materiale, og ingen dokumentert erstatning knytter dem sammen',
  ],
  // Heat-pump sources, the reach of a heat pipe, untreated waste water (energy-fit, pair, water-fit).
  [
    '25 km of a 30 km limit (the reach of a heat pipe carrying 100000 MWh/yr)',
    `25 km av en grense på 30 km (rekkevidden til et varmerør som fører 100${NBSP}000 MWh/år)`,
  ],
  [
    '24.6 km straight, crosses open water (ferry or ship), about 32 km by road and sea; within a 30 km limit (the reach of a heat pipe carrying 100000 MWh/yr)',
    `24,6 km i luftlinje, krysser åpent vann (ferje eller skip), omtrent 32 km på vei og sjø; innenfor en grense på 30 km (rekkevidden til et varmerør som fører 100${NBSP}000 MWh/år)`,
  ],
  [
    'cooling-water at 30 °C offered as the heat source of a heat pump',
    'kjølevann på 30 °C tilbys som varmekilde for en varmepumpe',
  ],
  [
    'source at 30 °C feeds a heat pump that takes at least 12 °C (18 K ≥ 5 K approach); exergy lost: 0.04 per unit of heat (a cooler source would do)',
    'kilden på 30 °C forsyner en varmepumpe som tar minst 12 °C (18 K ≥ 5 K minste temperaturdifferanse); eksergitap: 0,04 per enhet varme (en kaldere kilde ville holdt)',
  ],
  ['cold cannot feed a heat pump as its heat source', 'kulde kan ikke være varmekilde for en varmepumpe'],
  [
    'cooling-water at 15 °C is too cold for a heat pump that takes at least 12 °C: 3 K, below the 5 K approach',
    'kjølevann på 15 °C er for kald for en varmepumpe som tar minst 12 °C: 3 K, under minste temperaturdifferanse på 5 K',
  ],
  [
    'untreated industrial waste water ("Prosessavløp med organisk last") offered for a process need that treats water on site',
    'urenset industrielt avløpsvann («Prosessavløp med organisk last») tilbys til et behov for prosessvann som renser vann selv',
  ],
  [
    'untreated industrial waste water ("Prosessavløp") offered for an industrial-waste-water need',
    'urenset industrielt avløpsvann («Prosessavløp») tilbys til et behov for urenset industrielt avløpsvann',
  ],
  ['untreated waste water as the need asks', 'urenset avløpsvann, som behovet ber om'],
  [
    'untreated waste water, treated on site by the need to process quality; 35 °C against a cooling need of at most 25 °C',
    'urenset avløpsvann, som behovet selv renser til prosessvannskvalitet; 35 °C mot et kjølebehov på høyst 25 °C',
  ],
  [
    'process water is not the untreated industrial waste water the need asks for',
    'prosessvann er ikke det urensede industrielle avløpsvannet behovet ber om',
  ],
  [
    'untreated industrial waste water serves only a need that treats water on site, which the surface need does not',
    'urenset industrielt avløpsvann dekker bare behov som renser vann selv, og det gjør ikke behovet for overflatevann',
  ],
  ['industrial-waste-water → process', 'urenset industrielt avløpsvann → prosessvann'],
];

/** Words that give English away, outside ids, codes and profile names (which keep theirs). */
const ENGLISH =
  /\b(the|of|need|needs|offer|offered|serves|water|land|quality|and|with|from|not|stated|wanted|limit|rejections?|taken|forward|feedback|period|profiles?|approach|lift|lifted|zoned|zoning)\b/;
const englishLeft = (text: string): RegExpExecArray | null =>
  ENGLISH.exec(text.replace(/\S*[-:_]\S*|\([^)]*:[^)]*\)/g, ' '));

describe('the phrasebook of the engine’s texts', () => {
  it('when the engine has matched the demo region and every case, then every text it wrote has its bokmål', () => {
    expect(TEXTS.size).toBeGreaterThan(1000);
    // The diagnoses' rules are among them (GET /listings/{id}/diagnostics, the business workspace).
    expect([...TEXTS.values()].filter((where) => where.includes(' diagnosis ')).length).toBeGreaterThan(100);
    const untranslated = [...TEXTS].filter(([text]) => translateEngineText(text) === null);
    expect(untranslated).toEqual([]);
  });

  it('when the engine’s texts are put into bokmål, then no English word is left in them', () => {
    expect(englishLeft("the offer covers 85% of the need's 12000 t/yr")).not.toBeNull();
    const left = [...TEXTS.keys()]
      .map((text) => [text, translateEngineText(text) ?? ''] as const)
      .filter(([, nb]) => englishLeft(nb) !== null);
    expect(left).toEqual([]);
  });

  it('when the data sets were matched, then they reached feedback, anonymised distances, substitutions and heat pumps', () => {
    const origins = [...TEXTS.values()].join('\n');
    expect(origins).toMatch(/ feedback\b/);
    expect(origins).toMatch(/ distance \(anonymised\)/);
    const texts = [...TEXTS.keys()];
    expect(texts.some((t) => t.startsWith('facilitator feedback: ') && t.includes('; '))).toBe(true);
    expect(texts.some((t) => t.startsWith('documented substitution '))).toBe(true);
    expect(texts.some((t) => t.startsWith('COP '))).toBe(true);
  });

  it('when typical texts are put into bokmål, then they read as written here', () => {
    const nb = (text: string) => engineText(text, 'nb');
    expect(nb('a heat pump lifts 35 °C to 70 °C (lift 45 K incl. approach, COP 3.87)')).toBe(
      'en varmepumpe løfter 35 °C til 70 °C (løft 45 K medregnet minste temperaturdifferanse, COP 3,87)',
    );
    expect(nb('cooling-water at 32 °C lifted by a heat pump to a hot-water need')).toBe(
      'kjølevann på 32 °C løftet av en varmepumpe til et behov for varmtvann',
    );
    expect(nb('COP 3.2, lift 45 K')).toBe('COP 3,2, løft 45 K');
    expect(nb("the offer covers 85% of the need's 12000 t/yr")).toBe(
      `tilbudet dekker 85${NBSP}% av behovets 12${NBSP}000 t/år`,
    );
    expect(nb("the offer (10011.4 MWh/yr after conversion) covers 46% of the need's 22000 MWh/yr")).toBe(
      `tilbudet (10${NBSP}011,4 MWh/år etter omregning) dekker 46${NBSP}% av behovets 22${NBSP}000 MWh/år`,
    );
    expect(nb('the offer is available 2026-10-01–2027-04-30, only part of the open-ended need')).toBe(
      'tilbudet er tilgjengelig fra 1. okt. 2026 til 30. apr. 2027, bare en del av det tidsubegrensede behovet',
    );
    expect(nb("the offer is available for 42% of the need's period")).toBe(
      `tilbudet er tilgjengelig i 42${NBSP}% av behovets periode`,
    );
    expect(
      nb(
        "month by month the offer covers 93% of the need; the offer is available for 50% of the need's period",
      ),
    ).toBe(
      `måned for måned dekker tilbudet 93${NBSP}% av behovet; tilbudet er tilgjengelig i 50${NBSP}% av behovets periode`,
    );
    expect(nb("offer code 100105 is accepted by the need's sub-chapter 1001")).toBe(
      'tilbudets kode 100105 godtas av behovets underkapittel 1001',
    );
    expect(nb("offer code 170107 belongs to the need's category aggregate")).toBe(
      'tilbudets kode 170107 hører til behovets kategori aggregate',
    );
    expect(nb('moisture 48% against ≤ 40%; form granular as wanted')).toBe(
      `fuktinnhold 48${NBSP}% mot kravet ≤ 40${NBSP}%; formen er granulat, som ønsket`,
    );
    expect(
      nb('declares fluoride, cyanide; the need states no exclusions; form solid where mixed is wanted'),
    ).toBe(
      'oppgir fluoride, cyanide; behovet utelukker ingen forurensninger; formen er fast stoff der blanding ønskes',
    );
    expect(nb('category cement-raw-material')).toBe('kategori cement-raw-material');
    expect(nb('12.3 km of a 300 km limit')).toBe('12,3 km av en grense på 300 km');
  });

  it('when a substitution is quoted, then its shipped description is given in bokmål, in full or shortened', () => {
    const shipped = JSON.parse(readFileSync(join(DATA_DIR, 'taxonomy/substitutions.json'), 'utf8')) as {
      substitutions: { id: string }[];
    };
    expect(Object.keys(SUBSTITUTIONS_NB).sort()).toEqual(shipped.substitutions.map((s) => s.id).sort());
    expect(
      engineText(
        'documented substitution concrete-rubble-to-aggregate: Crushed concrete and masonry rubble replaces virgin aggregate, mostly in road sub-base and fill and, with quality control, in new concrete. (factor 0.8)',
        'nb',
      ),
    ).toBe(
      `dokumentert erstatning concrete-rubble-to-aggregate: ${SUBSTITUTIONS_NB['concrete-rubble-to-aggregate']} (faktor 0,8)`,
    );
    expect(
      engineText('concrete-rubble-to-aggregate: Crushed concrete and masonry rubble replaces virgin…', 'nb'),
    ).toBe('concrete-rubble-to-aggregate: Knust betong og murverk erstatter nytt tilslag, mest i…');
  });

  it('when feedback has two parts, then each is put into bokmål inside the total', () => {
    expect(
      engineText(
        'facilitator feedback: −0.16 (−0.07 from 3 quality rejections and 1 price rejection, 1 taken forward of material LoW 10 → category cement-raw-material; −0.09 from 3 distance rejections of material pairs 20-50 km apart)',
        'nb',
      ),
    ).toBe(
      'tilbakemelding fra tilretteleggere: −0,16 (−0,07 fra 3 avvisninger på grunn av kvalitet og 1 avvisning på grunn av pris (1 tatt videre) for materiale avfallskapittel 10 → kategori cement-raw-material; −0,09 fra 3 avvisninger på grunn av avstand for materialpar 20–50 km fra hverandre)',
    );
  });

  it.each(HAND_MADE)('when the text is “%s”, then bokmål has its own', (text, nb) => {
    expect(translateEngineText(text)).toBe(nb);
  });

  it('when the data sets and the hand-made texts are put together, then every template has been used', () => {
    const used = new Set<string>();
    for (const text of [...TEXTS.keys(), ...HAND_MADE.map(([t]) => t)]) {
      for (const template of explainEngineText(text)?.templates ?? []) used.add(template);
    }
    expect(ENGINE_TEMPLATES.filter((t) => !used.has(t))).toEqual([]);
  });

  it('when a text is not the engine’s, then bokmål shows it unchanged and marked English', () => {
    expect(translateEngineText('the offer covers most of the need')).toBeNull();
    expect(engineTextOf('the offer covers most of the need', 'nb')).toEqual({
      text: 'the offer covers most of the need',
      lang: 'en',
    });
    // A phrase the phrasebook knows beside one it does not: the whole text stays English.
    expect(translateEngineText('form solid as wanted; something else')).toBeNull();
    // An unknown carrier, form or substitution is not guessed.
    expect(translateEngineText('plasma offered for a steam need')).toBeNull();
    expect(translateEngineText('form gel as wanted')).toBeNull();
    expect(translateEngineText('documented substitution new-one: Something new. (factor 0.5)')).toBeNull();
    expect(engineText('Ring meg før fredag', 'nb')).toBe('Ring meg før fredag');
  });

  it('when English is chosen, then every text is shown as the engine wrote it, unmarked', () => {
    const text = "the offer covers 85% of the need's 12000 t/yr";
    expect(engineText(text, 'en')).toBe(text);
    expect(engineTextOf(text, 'en')).toEqual({ text });
    expect(engineTextOf(text, 'nb').lang).toBeUndefined();
  });
});
