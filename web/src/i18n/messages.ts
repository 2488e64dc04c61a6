/**
 * Every text of the app, in English and Norwegian bokmål. English defines the keys; the bokmål
 * dictionary is typed by them, so a missing (or a stray) translation is a type error.
 * `{name}` marks a value filled in by `t` (numbers are formatted for the language).
 * Each workspace keeps its own texts beside it (workspaces/<role>/messages.ts, keys prefixed
 * with the workspace), typed the same way; this module joins them.
 */
import * as analyst from '../workspaces/analyst/messages.ts';
import * as business from '../workspaces/business/messages.ts';
import * as facilitator from '../workspaces/facilitator/messages.ts';

const coreEn = {
  'app.name': 'Symbiosis engine',
  'app.tagline': 'Share surplus materials, energy, water and land',
  'app.skipToContent': 'Skip to content',
  'app.loading': 'Loading…',
  'language.label': 'Language',
  'language.en': 'English',
  'language.nb': 'Norsk bokmål',

  'signIn.title': 'Sign in',
  'signIn.intro': 'Sign in with the bearer token you were given; it starts with sym_.',
  'signIn.demoHint':
    'On a demo instance, the tokens of the demo users, one per role, are in the file .demo-tokens.json beside the service.',
  'signIn.token': 'Token',
  'signIn.demo.title': 'Try the demo',
  'signIn.demo.intro':
    'This is a demo instance with a made-up region. Sign in as one of its users with one click:',
  'signIn.demo.business': 'Demo business (a smelter)',
  'signIn.demo.facilitator': 'Demo facilitator (its municipality)',
  'signIn.demo.analyst': 'Demo analyst',
  'signIn.demo.or': 'Or sign in with your own token',
  'signIn.submit': 'Sign in',
  'signIn.checking': 'Checking the token…',
  'signIn.empty': 'Enter your token.',
  'signIn.rejected': 'The token was not accepted: it is unknown, expired or revoked.',
  'signIn.sessionEnded': 'You were signed out: your token is no longer accepted.',
  'signIn.signedOut': 'You are signed out.',
  'signIn.unreachable': 'The service did not answer. Check that it runs, then try again.',
  signOut: 'Sign out',

  'header.user': 'Signed in as',
  'nav.label': 'Workspaces',
  'role.business': 'Business',
  'role.facilitator': 'Facilitator',
  'role.analyst': 'Analyst',
  'role.admin': 'Administrator',
  'workspace.business': 'Companies',
  'workspace.facilitator': 'Review queue',
  'workspace.analyst': 'Indicators',

  'error.title': 'This could not be loaded.',
  'error.status': 'The service answered {status} ({code}).',
  'error.network': 'The service did not answer.',
  'error.retry': 'Try again',

  'kind.material': 'Material',
  'kind.energy': 'Energy',
  'kind.water': 'Water',
  'kind.land': 'Land',
  'direction.offer': 'Offer',
  'direction.need': 'Need',
  'confidentiality.public': 'Public',
  'confidentiality.anonymous': 'Anonymous',
  'confidentiality.private': 'Private',

  'listing.title': 'Title',
  'listing.direction': 'Offer or need',
  'listing.kind': 'Resource',
  'listing.quantity': 'Quantity',
  'listing.availableFrom': 'Available from',
  'listing.confidentiality': 'Confidentiality',
  'listing.always': 'Now',

  'state.suggested': 'Suggested',
  'state.under-review': 'Under review',
  'state.introduced': 'Introduced',
  'state.negotiating': 'Negotiating',
  'state.agreed': 'Agreed',
  'state.implemented': 'Implemented',
  'state.rejected': 'Rejected',
  'state.declined': 'Declined',
  'state.withdrawn': 'Withdrawn',
  'state.expired': 'Expired',

  'analyst.title': 'Indicators',
  'analyst.intro': 'Realised exchanges and the potential of open suggestions, never added together.',
  'analyst.realised': 'Realised',
  'analyst.potential': 'Potential',
  'analyst.activeSymbioses': 'Active symbioses',
  'analyst.realisedCompanies': 'Companies in them',
  'analyst.suggestions': 'Open suggestions',
  'analyst.potentialCompanies': 'Companies in them',
  'analyst.funnel': 'From listing to exchange',
  'analyst.funnelStage': 'Stage',
  'analyst.funnelCount': 'Count',
  'funnel.listings': 'Listings',
  'funnel.suggestions': 'Suggestions',
  'funnel.under-review': 'Under review',
  'funnel.introduced': 'Introduced',
  'funnel.agreed': 'Agreed',
  'funnel.implemented': 'Implemented',
  'analyst.map': 'Sites and exchanges',
  'analyst.mapSummary': 'Sites: {sites}. Exchanges: {exchanges}, of them realised: {realised}.',

  'map.loading': 'Loading the map…',
  'map.failed': 'The map could not be loaded.',
  'map.attribution': 'Boundaries: Kartverket, CC BY 4.0',
  'map.realised': 'Realised exchange',
  'map.potential': 'Potential exchange',
  'map.site': 'Site',
  'map.anonymous': 'Anonymous participant',

  'impact.notQuantified': 'not quantified',
  'impact.notQuantifiedParts': 'Not quantified, for want of a factor: {parts}',
  'impact.part.avoided-production': 'avoided production',
  'impact.part.avoided-disposal': 'avoided disposal',
  'impact.part.transport': 'transport',
  'impact.part.electricity': 'heat-pump electricity',
  'allocation.label': 'Allocated',
  'allocation.ofMax': '{allocated} of at most {max}',
  'allocation.offer-promised':
    'Nothing allocated: the offer’s surplus is promised whole to pairs the allocation valued more.',
  'allocation.need-covered':
    'Nothing allocated: the need is covered whole by offers the allocation valued more.',
  'allocation.offer-promised-and-need-covered':
    'Nothing allocated: the offer’s surplus is promised whole elsewhere, and the need is covered whole by other offers.',
  'allocation.not-allocated-yet':
    'Not allocated yet: found when a listing changed; the next match run allocates it.',
  'allocation.changed-since':
    'Nothing allocated at the last match run; its listings or their other pairs have changed since, and the next run decides again.',
} as const satisfies Record<string, string>;

const coreNb: Record<keyof typeof coreEn, string> = {
  'app.name': 'Symbiosemotoren',
  'app.tagline': 'Del overskudd av materialer, energi, vann og areal',
  'app.skipToContent': 'Hopp til innholdet',
  'app.loading': 'Laster …',
  'language.label': 'Språk',
  'language.en': 'English',
  'language.nb': 'Norsk bokmål',

  'signIn.title': 'Logg inn',
  'signIn.intro': 'Logg inn med tilgangsnøkkelen du har fått; den begynner med sym_.',
  'signIn.demoHint':
    'På en demoinstans ligger nøklene til demobrukerne, én per rolle, i filen .demo-tokens.json ved siden av tjenesten.',
  'signIn.token': 'Tilgangsnøkkel',
  'signIn.demo.title': 'Prøv demoen',
  'signIn.demo.intro':
    'Dette er en demoinstans med en oppdiktet region. Logg inn som en av brukerne med ett klikk:',
  'signIn.demo.business': 'Demobedrift (et smelteverk)',
  'signIn.demo.facilitator': 'Demotilrettelegger (kommunen)',
  'signIn.demo.analyst': 'Demoanalytiker',
  'signIn.demo.or': 'Eller logg inn med din egen nøkkel',
  'signIn.submit': 'Logg inn',
  'signIn.checking': 'Sjekker nøkkelen …',
  'signIn.empty': 'Skriv inn tilgangsnøkkelen din.',
  'signIn.rejected': 'Nøkkelen ble ikke godtatt: den er ukjent, utløpt eller trukket tilbake.',
  'signIn.sessionEnded': 'Du ble logget ut: nøkkelen din godtas ikke lenger.',
  'signIn.signedOut': 'Du er logget ut.',
  'signIn.unreachable': 'Tjenesten svarte ikke. Sjekk at den kjører, og prøv igjen.',
  signOut: 'Logg ut',

  'header.user': 'Logget inn som',
  'nav.label': 'Arbeidsområder',
  'role.business': 'Bedrift',
  'role.facilitator': 'Tilrettelegger',
  'role.analyst': 'Analytiker',
  'role.admin': 'Administrator',
  'workspace.business': 'Bedrifter',
  'workspace.facilitator': 'Vurderingskø',
  'workspace.analyst': 'Indikatorer',

  'error.title': 'Dette kunne ikke lastes.',
  'error.status': 'Tjenesten svarte {status} ({code}).',
  'error.network': 'Tjenesten svarte ikke.',
  'error.retry': 'Prøv igjen',

  'kind.material': 'Materiale',
  'kind.energy': 'Energi',
  'kind.water': 'Vann',
  'kind.land': 'Areal',
  'direction.offer': 'Tilbud',
  'direction.need': 'Behov',
  'confidentiality.public': 'Offentlig',
  'confidentiality.anonymous': 'Anonym',
  'confidentiality.private': 'Privat',

  'listing.title': 'Tittel',
  'listing.direction': 'Tilbud eller behov',
  'listing.kind': 'Ressurs',
  'listing.quantity': 'Mengde',
  'listing.availableFrom': 'Tilgjengelig fra',
  'listing.confidentiality': 'Konfidensialitet',
  'listing.always': 'Nå',

  'state.suggested': 'Foreslått',
  'state.under-review': 'Til vurdering',
  'state.introduced': 'Introdusert',
  'state.negotiating': 'Forhandles',
  'state.agreed': 'Avtalt',
  'state.implemented': 'Gjennomført',
  'state.rejected': 'Avvist',
  'state.declined': 'Takket nei',
  'state.withdrawn': 'Trukket tilbake',
  'state.expired': 'Utløpt',

  'analyst.title': 'Indikatorer',
  'analyst.intro': 'Realiserte utvekslinger og potensialet i åpne forslag, aldri lagt sammen.',
  'analyst.realised': 'Realisert',
  'analyst.potential': 'Potensial',
  'analyst.activeSymbioses': 'Aktive symbioser',
  'analyst.realisedCompanies': 'Bedrifter i dem',
  'analyst.suggestions': 'Åpne forslag',
  'analyst.potentialCompanies': 'Bedrifter i dem',
  'analyst.funnel': 'Fra oppføring til utveksling',
  'analyst.funnelStage': 'Trinn',
  'analyst.funnelCount': 'Antall',
  'funnel.listings': 'Oppføringer',
  'funnel.suggestions': 'Forslag',
  'funnel.under-review': 'Til vurdering',
  'funnel.introduced': 'Introdusert',
  'funnel.agreed': 'Avtalt',
  'funnel.implemented': 'Gjennomført',
  'analyst.map': 'Anlegg og utvekslinger',
  'analyst.mapSummary': 'Anlegg: {sites}. Utvekslinger: {exchanges}, av dem realisert: {realised}.',

  'map.loading': 'Laster kartet …',
  'map.failed': 'Kartet kunne ikke lastes.',
  'map.attribution': 'Grenser: Kartverket, CC BY 4.0',
  'map.realised': 'Realisert utveksling',
  'map.potential': 'Mulig utveksling',
  'map.site': 'Anlegg',
  'map.anonymous': 'Anonym deltaker',

  'impact.notQuantified': 'ikke tallfestet',
  'impact.notQuantifiedParts': 'Ikke tallfestet fordi en faktor mangler: {parts}',
  'impact.part.avoided-production': 'unngått produksjon',
  'impact.part.avoided-disposal': 'unngått avfallsbehandling',
  'impact.part.transport': 'transport',
  'impact.part.electricity': 'strøm til varmepumpe',
  'allocation.label': 'Fordelt',
  'allocation.ofMax': '{allocated} av høyst {max}',
  'allocation.offer-promised':
    'Ingenting fordelt: hele overskuddet i tilbudet er lovet bort til par som fordelingen verdsatte høyere.',
  'allocation.need-covered':
    'Ingenting fordelt: hele behovet dekkes av tilbud som fordelingen verdsatte høyere.',
  'allocation.offer-promised-and-need-covered':
    'Ingenting fordelt: hele overskuddet i tilbudet er lovet bort andre steder, og hele behovet dekkes av andre tilbud.',
  'allocation.not-allocated-yet':
    'Ikke fordelt ennå: funnet da en oppføring ble endret; neste matchkjøring fordeler det.',
  'allocation.changed-since':
    'Ingenting fordelt ved siste matchkjøring; oppføringene eller de andre parene deres er endret siden, og neste kjøring avgjør på nytt.',
};

export const en = { ...coreEn, ...business.en, ...facilitator.en, ...analyst.en } as const;
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
export const nb: Messages = { ...coreNb, ...business.nb, ...facilitator.nb, ...analyst.nb };
