/**
 * The fixed words of the analytics report (report.ts) in English and Norwegian bokmål. Only the
 * report's own labels live here: names the caller passes (regions, companies, reasons' examples)
 * and the indicators' `method` sentences are printed as given.
 */
import type { ListingKind } from '../domain/listing-kinds.ts';
import type { ReasonCode, ReviewState } from '../domain/review.ts';
import type { FunnelStage, SeriesStage } from './indicators.ts';

export type Language = 'en' | 'nb';

export interface Labels {
  reportKind: string;
  contents: string;
  scope: string;
  region: string;
  kind: string;
  period: string;
  open: string;
  endExcluded: string;
  generated: string;
  factorSets: string;
  runs: string;
  incremental: string;
  none: string;
  realised: string;
  potential: string;
  realisedTitle: string;
  potentialTitle: string;
  realisedLead: (asOf: string) => string;
  potentialLead: string;
  keyFigures: string;
  figure: string;
  value: string;
  unit: string;
  measured: string;
  estimated: string;
  exchanges: string;
  suggestions: string;
  method: string;
  factorSet: string;
  missing: (n: number) => string;
  /** Rows whose CO2e is not quantified (a factor is missing). */
  notQuantified: (n: number) => string;
  excluded: (n: number) => string;
  figures: {
    activeSymbioses: string;
    companies: string;
    suggestions: string;
    materialsT: string;
    energyGWh: string;
    waterM3: string;
    landM2: string;
    tonnesDiverted: string;
    virginMaterialSavedT: string;
    co2eAvoidedT: string;
    costSavedNokPerYear: string;
    revenueNokPerYear: string;
    jobs: string;
  };
  co2eTitle: string;
  co2eLead: string;
  noFactorSets: string;
  funnel: string;
  funnelLead: string;
  stages: Record<FunnelStage, string>;
  stage: string;
  count: string;
  conversion: string;
  perListing: (x: string) => string;
  medianDays: string;
  days: (x: string, n: number) => string;
  overTime: string;
  seriesLead: (interval: 'month' | 'quarter') => string;
  seriesStages: Record<SeriesStage, string>;
  interval: Record<'month' | 'quarter', string>;
  noEvents: string;
  breakdowns: string;
  breakdownLead: string;
  breakdownNames: Record<string, string>;
  group: string;
  topGroups: (n: number, measure: string) => string;
  barriers: string;
  barriersLead: string;
  reason: string;
  rejected: string;
  declined: string;
  examples: string;
  total: string;
  noBarriers: string;
  reasons: Record<ReasonCode | 'unspecified', string>;
  barriersBy: (name: string) => string;
  map: string;
  mapLead: string;
  siteRealised: string;
  sitePotential: string;
  siteIdle: string;
  realisedExchange: string;
  potentialExchange: string;
  noMap: string;
  notOnMap: (n: number) => string;
  network: string;
  layoutNote: (seed: number, iterations: number) => string;
  geographicLayout: string;
  sizeByCo2e: string;
  sizeByExchanges: string;
  colourByCommunity: string;
  edgesLeftOut: (n: string, cap: string) => string;
  nodesUnplaced: (n: number) => string;
  noNetwork: string;
  nodes: string;
  links: string;
  density: string;
  components: string;
  communities: string;
  modularity: string;
  hubs: string;
  participant: string;
  opportunities: string;
  opportunitiesLead: string;
  offer: string;
  need: string;
  quantity: string;
  distance: string;
  state: string;
  noOpportunities: string;
  sources: string;
  selfContained: string;
  anonymous: string;
  kinds: Record<ListingKind, string>;
  states: Record<ReviewState, string>;
  perYear: string;
}

const EN: Labels = {
  reportKind: 'Industrial symbiosis · analytics report',
  contents: 'Contents',
  scope: 'Scope',
  region: 'Region',
  kind: 'Resource',
  period: 'Period',
  open: 'open',
  endExcluded: 'end date not included',
  generated: 'Generated',
  factorSets: 'Factor sets',
  runs: 'Match runs',
  incremental: 'incremental (outside a run)',
  none: 'none',
  realised: 'Realised',
  potential: 'Potential',
  realisedTitle: 'Realised: exchanges running',
  potentialTitle: 'Potential: suggestions proposed',
  realisedLead: (asOf) =>
    `Implemented exchanges running at ${asOf}, with the quantities the companies recorded. Never mixed with potential.`,
  potentialLead:
    'Allocated quantities of suggestions the matching still proposes: estimates of what could be, not outcomes. Never mixed with realised.',
  keyFigures: 'Key figures',
  figure: 'Figure',
  value: 'Value',
  unit: 'Unit',
  measured: 'Measured',
  estimated: 'Estimated',
  exchanges: 'Exchanges',
  suggestions: 'Suggestions',
  method: 'How it was obtained',
  factorSet: 'Factor set',
  missing: (n) => `${n} without an estimate, not counted`,
  notQuantified: (n) => `${n} not quantified (a factor is missing), not counted`,
  excluded: (n) => `${n} implemented ${n === 1 ? 'exchange' : 'exchanges'} left out`,
  figures: {
    activeSymbioses: 'Active symbioses',
    companies: 'Companies',
    suggestions: 'Suggestions',
    materialsT: 'Materials exchanged',
    energyGWh: 'Energy delivered',
    waterM3: 'Water supplied',
    landM2: 'Land shared',
    tonnesDiverted: 'Tonnes diverted from waste',
    virginMaterialSavedT: 'Virgin material saved',
    co2eAvoidedT: 'CO₂e avoided',
    costSavedNokPerYear: 'Cost saved',
    revenueNokPerYear: 'Revenue',
    jobs: 'Jobs',
  },
  co2eTitle: 'CO₂e avoided by factor set',
  co2eLead:
    'The same exchanges valued under each named factor set, side by side, in t CO₂e per year. A row without an estimate under a set is left out of that set, never guessed.',
  noFactorSets: 'No factor set: nothing in scope has a CO₂e estimate.',
  funnel: 'Funnel',
  funnelLead:
    'The suggestions created in the period and the furthest stage each reached before its end; stages are cumulative.',
  stages: {
    listings: 'Listings',
    suggestions: 'Suggestions',
    'under-review': 'Under review',
    introduced: 'Introduced',
    agreed: 'Agreed',
    implemented: 'Implemented',
  },
  stage: 'Stage',
  count: 'Count',
  conversion: 'Conversion from previous stage',
  perListing: (x) => `${x} per listing`,
  medianDays: 'Median time from suggestion to implementation',
  days: (x, n) => `${x} days (over ${n} implemented ${n === 1 ? 'suggestion' : 'suggestions'})`,
  overTime: 'Over time',
  seriesLead: (interval) =>
    `Suggestions reaching each stage per ${interval}, from the review's transition events.`,
  seriesStages: {
    'under-review': 'Under review',
    introduced: 'Introduced',
    agreed: 'Agreed',
    implemented: 'Implemented',
    rejected: 'Rejected',
    declined: 'Declined',
  },
  interval: { month: 'Month', quarter: 'Quarter' },
  noEvents: 'No transitions in the period.',
  breakdowns: 'Breakdowns',
  breakdownLead:
    'The same totals per group. A suggestion may fall in several groups (a pair across two municipalities counts in both), so groups need not add up to the total.',
  breakdownNames: {
    county: 'By county',
    municipality: 'By municipality',
    industry: 'By industry (NACE division)',
    industryDivision: 'By industry (NACE division)',
    industrySection: 'By industry (NACE section)',
    wasteChapter: 'By List of Waste chapter',
    kind: 'By resource kind',
  },
  group: 'Group',
  topGroups: (n, measure) => `Top ${n} by ${measure}, realised + potential`,
  barriers: 'Barriers',
  barriersLead: 'Why suggestions were rejected or declined, by the structured reason people recorded.',
  reason: 'Reason',
  rejected: 'Rejected',
  declined: 'Declined',
  examples: 'Examples',
  total: 'Total',
  noBarriers: 'No suggestion was rejected or declined in the period.',
  reasons: {
    distance: 'Distance',
    quality: 'Quality',
    quantity: 'Quantity',
    timing: 'Timing',
    regulation: 'Regulation',
    price: 'Price',
    trust: 'Trust',
    other: 'Other',
    unspecified: 'Not given',
  },
  barriersBy: (name) => `Barriers ${name.toLowerCase()}`,
  map: 'Map',
  mapLead: 'Sites and the exchanges between them over the region’s boundaries.',
  siteRealised: 'Site in a realised exchange',
  sitePotential: 'Site in potential exchanges only',
  siteIdle: 'Other site',
  realisedExchange: 'Realised exchange',
  potentialExchange: 'Potential exchange',
  noMap: 'No boundaries or sites to draw.',
  notOnMap: (n) =>
    `${n} ${n === 1 ? 'exchange has' : 'exchanges have'} an end without coordinates and ${n === 1 ? 'is' : 'are'} not drawn.`,
  network: 'Network',
  layoutNote: (seed, iterations) =>
    `Force-directed layout (ForceAtlas2, seed ${seed}, ${iterations} iterations).`,
  geographicLayout: 'Positions from the sites’ coordinates.',
  sizeByCo2e: 'Node size: CO₂e-weighted degree.',
  sizeByExchanges: 'Node size: number of exchanges.',
  colourByCommunity: 'Colour: community (Louvain).',
  edgesLeftOut: (n, cap) =>
    `${n} exchanges not drawn: at most ${cap} are drawn, realised first, then by CO₂e avoided.`,
  nodesUnplaced: (n) =>
    `${n} ${n === 1 ? 'participant has' : 'participants have'} no position and ${n === 1 ? 'is' : 'are'} not drawn.`,
  noNetwork: 'No participants in scope.',
  nodes: 'Participants',
  links: 'Links',
  density: 'Density',
  components: 'Components',
  communities: 'Communities',
  modularity: 'Modularity',
  hubs: 'Hubs',
  participant: 'Participant',
  opportunities: 'Top opportunities not yet realised',
  opportunitiesLead: 'Potential exchanges, estimated; the largest first.',
  offer: 'Offer',
  need: 'Need',
  quantity: 'Quantity',
  distance: 'Distance',
  state: 'State',
  noOpportunities: 'No open opportunity in scope.',
  sources: 'Sources',
  selfContained: 'One self-contained file: it opens without network access.',
  anonymous: 'anonymous participant',
  kinds: { material: 'Material', energy: 'Energy', water: 'Water', land: 'Land' },
  states: {
    suggested: 'Suggested',
    'under-review': 'Under review',
    introduced: 'Introduced',
    negotiating: 'Negotiating',
    agreed: 'Agreed',
    implemented: 'Implemented',
    rejected: 'Rejected',
    declined: 'Declined',
    withdrawn: 'Withdrawn',
    expired: 'Expired',
  },
  perYear: 'yr',
};

const NB: Labels = {
  reportKind: 'Industriell symbiose · analyserapport',
  contents: 'Innhold',
  scope: 'Omfang',
  region: 'Region',
  kind: 'Ressurs',
  period: 'Periode',
  open: 'åpen',
  endExcluded: 'sluttdatoen er ikke med',
  generated: 'Laget',
  factorSets: 'Faktorsett',
  runs: 'Matchekjøringer',
  incremental: 'inkrementell (utenfor en kjøring)',
  none: 'ingen',
  realised: 'Realisert',
  potential: 'Potensial',
  realisedTitle: 'Realisert: utvekslinger i drift',
  potentialTitle: 'Potensial: foreslåtte utvekslinger',
  realisedLead: (asOf) =>
    `Gjennomførte utvekslinger i drift per ${asOf}, med mengdene bedriftene registrerte. Blandes aldri med potensial.`,
  potentialLead:
    'Tildelte mengder fra forslag matchingen fortsatt foreslår: estimater av hva som kan bli, ikke resultater. Blandes aldri med realisert.',
  keyFigures: 'Nøkkeltall',
  figure: 'Indikator',
  value: 'Verdi',
  unit: 'Enhet',
  measured: 'Målt',
  estimated: 'Estimert',
  exchanges: 'Utvekslinger',
  suggestions: 'Forslag',
  method: 'Slik er tallet funnet',
  factorSet: 'Faktorsett',
  missing: (n) => `${n} uten estimat, ikke talt med`,
  notQuantified: (n) => `${n} ikke tallfestet (en faktor mangler), ikke talt med`,
  excluded: (n) => `${n} ${n === 1 ? 'gjennomført utveksling' : 'gjennomførte utvekslinger'} utelatt`,
  figures: {
    activeSymbioses: 'Aktive symbioser',
    companies: 'Bedrifter',
    suggestions: 'Forslag',
    materialsT: 'Materialer utvekslet',
    energyGWh: 'Energi levert',
    waterM3: 'Vann levert',
    landM2: 'Areal delt',
    tonnesDiverted: 'Tonn ført bort fra avfall',
    virginMaterialSavedT: 'Jomfruelig materiale spart',
    co2eAvoidedT: 'Unngått CO₂e',
    costSavedNokPerYear: 'Sparte kostnader',
    revenueNokPerYear: 'Inntekter',
    jobs: 'Arbeidsplasser',
  },
  co2eTitle: 'Unngått CO₂e per faktorsett',
  co2eLead:
    'De samme utvekslingene verdsatt med hvert navngitte faktorsett, side om side, i tonn CO₂e per år. En rad uten estimat i et sett holdes utenfor det settet, aldri gjettet.',
  noFactorSets: 'Ingen faktorsett: ingenting i omfanget har et CO₂e-estimat.',
  funnel: 'Trakt',
  funnelLead:
    'Forslagene laget i perioden og det lengste trinnet hvert nådde før periodens slutt; trinnene er kumulative.',
  stages: {
    listings: 'Oppføringer',
    suggestions: 'Forslag',
    'under-review': 'Under vurdering',
    introduced: 'Introdusert',
    agreed: 'Avtalt',
    implemented: 'Gjennomført',
  },
  stage: 'Trinn',
  count: 'Antall',
  conversion: 'Konvertering fra forrige trinn',
  perListing: (x) => `${x} per oppføring`,
  medianDays: 'Mediantid fra forslag til gjennomføring',
  days: (x, n) => `${x} dager (over ${n} ${n === 1 ? 'gjennomført forslag' : 'gjennomførte forslag'})`,
  overTime: 'Over tid',
  seriesLead: (interval) =>
    `Forslag som nådde hvert trinn per ${interval === 'month' ? 'måned' : 'kvartal'}, fra vurderingens overganger.`,
  seriesStages: {
    'under-review': 'Under vurdering',
    introduced: 'Introdusert',
    agreed: 'Avtalt',
    implemented: 'Gjennomført',
    rejected: 'Avvist',
    declined: 'Takket nei',
  },
  interval: { month: 'Måned', quarter: 'Kvartal' },
  noEvents: 'Ingen overganger i perioden.',
  breakdowns: 'Fordelinger',
  breakdownLead:
    'De samme totalene per gruppe. Et forslag kan høre til flere grupper (et par over to kommuner telles i begge), så gruppene trenger ikke summere til totalen.',
  breakdownNames: {
    county: 'Etter fylke',
    municipality: 'Etter kommune',
    industry: 'Etter næring (NACE-avdeling)',
    industryDivision: 'Etter næring (NACE-avdeling)',
    industrySection: 'Etter næring (NACE-hovedområde)',
    wasteChapter: 'Etter kapittel i avfallslisten',
    kind: 'Etter ressurstype',
  },
  group: 'Gruppe',
  topGroups: (n, measure) => `De ${n} største etter ${measure}, realisert + potensial`,
  barriers: 'Barrierer',
  barriersLead:
    'Hvorfor forslag ble avvist eller takket nei til, etter den strukturerte årsaken som ble registrert.',
  reason: 'Årsak',
  rejected: 'Avvist',
  declined: 'Takket nei',
  examples: 'Eksempler',
  total: 'Totalt',
  noBarriers: 'Ingen forslag ble avvist eller takket nei til i perioden.',
  reasons: {
    distance: 'Avstand',
    quality: 'Kvalitet',
    quantity: 'Mengde',
    timing: 'Tidspunkt',
    regulation: 'Regelverk',
    price: 'Pris',
    trust: 'Tillit',
    other: 'Annet',
    unspecified: 'Ikke oppgitt',
  },
  barriersBy: (name) => `Barrierer ${name.toLowerCase()}`,
  map: 'Kart',
  mapLead: 'Anlegg og utvekslingene mellom dem over regionens grenser.',
  siteRealised: 'Anlegg i en realisert utveksling',
  sitePotential: 'Anlegg bare i potensielle utvekslinger',
  siteIdle: 'Andre anlegg',
  realisedExchange: 'Realisert utveksling',
  potentialExchange: 'Potensiell utveksling',
  noMap: 'Ingen grenser eller anlegg å tegne.',
  notOnMap: (n) =>
    `${n} ${n === 1 ? 'utveksling' : 'utvekslinger'} med en ende uten koordinater er ikke tegnet.`,
  network: 'Nettverk',
  layoutNote: (seed, iterations) =>
    `Kraftbasert oppsett (ForceAtlas2, frø ${seed}, ${iterations} iterasjoner).`,
  geographicLayout: 'Posisjoner fra anleggenes koordinater.',
  sizeByCo2e: 'Nodestørrelse: CO₂e-vektet grad.',
  sizeByExchanges: 'Nodestørrelse: antall utvekslinger.',
  colourByCommunity: 'Farge: klynge (Louvain).',
  edgesLeftOut: (n, cap) =>
    `${n} utvekslinger er ikke tegnet: høyst ${cap} tegnes, realiserte først, deretter etter unngått CO₂e.`,
  nodesUnplaced: (n) => `${n} ${n === 1 ? 'deltaker' : 'deltakere'} uten posisjon er ikke tegnet.`,
  noNetwork: 'Ingen deltakere i omfanget.',
  nodes: 'Deltakere',
  links: 'Koblinger',
  density: 'Tetthet',
  components: 'Komponenter',
  communities: 'Klynger',
  modularity: 'Modularitet',
  hubs: 'Knutepunkter',
  participant: 'Deltaker',
  opportunities: 'Største muligheter som ikke er realisert',
  opportunitiesLead: 'Potensielle utvekslinger, estimert; de største først.',
  offer: 'Tilbud',
  need: 'Behov',
  quantity: 'Mengde',
  distance: 'Avstand',
  state: 'Status',
  noOpportunities: 'Ingen åpne muligheter i omfanget.',
  sources: 'Kilder',
  selfContained: 'Én selvstendig fil: den åpnes uten nettverkstilgang.',
  anonymous: 'anonym deltaker',
  kinds: { material: 'Materiale', energy: 'Energi', water: 'Vann', land: 'Areal' },
  states: {
    suggested: 'Foreslått',
    'under-review': 'Under vurdering',
    introduced: 'Introdusert',
    negotiating: 'Forhandler',
    agreed: 'Avtalt',
    implemented: 'Gjennomført',
    rejected: 'Avvist',
    declined: 'Takket nei',
    withdrawn: 'Trukket',
    expired: 'Utløpt',
  },
  perYear: 'år',
};

export const LABELS: Record<Language, Labels> = { en: EN, nb: NB };
