/**
 * The business workspace: the companies the user acts for (GET /me), each one's sites and listings;
 * registering a company (the business then acts for it) and its sites (the place picked on the map
 * or typed); adding and changing listings of the four kinds; a listing's suggestions with their
 * explanation, and the answer to one; a company with no listings sees what companies of its
 * division usually have, each a click from a filled-in form (prompts.tsx); under a listing's
 * suggestions, why there are not more (diagnostics.tsx). Views change inside the
 * workspace; each new view's heading takes the focus.
 */
import './business.css';
import { useState } from 'preact/hooks';
import type { Api, Me, Schemas } from '../../api/client.ts';
import { dataOf } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Page } from '../../ui/page.tsx';
import { ResourceView } from '../../ui/resource-view.tsx';
import { CompanyForm, SiteForm } from './company-forms.tsx';
import { ListingDiagnostics } from './diagnostics.tsx';
import { ListingForm, type Saved } from './listing-form.tsx';
import type { Draft } from './listing-input.ts';
import { CompanyPrompts } from './prompts.tsx';
import { SuggestionDetail, SuggestionList } from './suggestions.tsx';

/** Listings shown per company until the workspace pages them. */
const LISTINGS_SHOWN = 100;
const SITES_SHOWN = 100;

type Company = Me['companies'][number];
type Listing = Schemas['VisibleListing'];
type Site = Schemas['Site'];
/** A prompt's draft with the title it starts with, in the reader's language. */
type Drafted = { input: Draft; title: string };

type View =
  | { name: 'overview'; notice?: string }
  | { name: 'new-company' }
  | { name: 'listing-form'; company: Company; sites: Site[]; listing?: Listing; draft?: Drafted }
  | { name: 'suggestions'; listing: Listing; notice?: string }
  | { name: 'suggestion'; listing: Listing; suggestionId: string };

export function BusinessWorkspace({ api, me }: { api: Api; me: Me }) {
  // The workspace's own styles apply inside this element only (business.css).
  return (
    <div class="business">
      <BusinessViews api={api} me={me} />
    </div>
  );
}

function BusinessViews({ api, me }: { api: Api; me: Me }) {
  const { t } = useI18n();
  const [companies, setCompanies] = useState<Company[]>(me.companies);
  const [view, setView] = useState<View>({ name: 'overview' });
  // Bumped after a write so the overview reads its lists again.
  const [generation, setGeneration] = useState(0);
  const overview = (notice?: string) => {
    setGeneration((g) => g + 1);
    setView(notice === undefined ? { name: 'overview' } : { name: 'overview', notice });
  };
  const back = (
    <button type="button" class="secondary back" onClick={() => overview()}>
      {t('business.back')}
    </button>
  );

  switch (view.name) {
    case 'new-company':
      return (
        <Page key="new-company" title={t('business.company.title')} intro={t('business.company.intro')}>
          {back}
          <CompanyForm
            api={api}
            onSaved={(c) => {
              setCompanies((old) => [...old, { id: c.id, name: c.name }]);
              overview(t('business.company.saved', { name: c.name }));
            }}
            onCancel={() => overview()}
          />
        </Page>
      );
    case 'listing-form':
      return (
        <Page
          key={`listing-${view.listing?.id ?? 'new'}`}
          title={
            view.listing
              ? t('business.listing.editTitle', { title: view.listing.title })
              : t('business.listing.newTitle', { company: view.company.name })
          }
          intro={t('business.listing.intro')}
        >
          {back}
          {view.draft && (
            <p class="status notice" role="status">
              {t('business.prompts.drafted', { title: view.draft.title })}
            </p>
          )}
          <ListingForm
            api={api}
            sites={view.sites}
            {...(view.listing ? { listing: view.listing } : {})}
            {...(view.draft ? { draft: view.draft } : {})}
            onSaved={(saved: Saved) => {
              const { suggestions, ...listing } = saved;
              setGeneration((g) => g + 1);
              setView({
                name: 'suggestions',
                listing,
                notice:
                  suggestions.length === 1
                    ? t(view.listing ? 'business.listing.savedOne' : 'business.listing.createdOne')
                    : t(view.listing ? 'business.listing.saved' : 'business.listing.created', {
                        count: suggestions.length,
                      }),
              });
            }}
            onCancel={() => overview()}
          />
        </Page>
      );
    case 'suggestions':
      return (
        <Page
          key={`suggestions-${view.listing.id}`}
          title={t('business.suggestions.title', { title: view.listing.title })}
          intro={t('business.suggestions.intro')}
        >
          {back}
          <p class="status notice" role="status">
            {view.notice}
          </p>
          <SuggestionList
            api={api}
            listing={view.listing}
            onOpen={(s) => setView({ name: 'suggestion', listing: view.listing, suggestionId: s.id })}
          />
          <ListingDiagnostics api={api} listing={view.listing} />
        </Page>
      );
    case 'suggestion':
      return (
        <Page key={`suggestion-${view.suggestionId}`} title={t('business.suggestion.title')}>
          <div class="actions">
            <button
              type="button"
              class="secondary back"
              onClick={() => setView({ name: 'suggestions', listing: view.listing })}
            >
              {t('business.suggestions.back', { title: view.listing.title })}
            </button>
          </div>
          <SuggestionDetail api={api} suggestionId={view.suggestionId} />
        </Page>
      );
    case 'overview':
      return (
        <Page key={`overview-${generation}`} title={t('business.title')}>
          <p class="status notice" role="status">
            {view.notice}
          </p>
          {companies.length === 0 ? (
            <>
              <p>{t('business.noCompanies')}</p>
              <p>{t('business.registerIntro')}</p>
              <h2>{t('business.company.title')}</h2>
              <CompanyForm
                api={api}
                onSaved={(c) => {
                  setCompanies((old) => [...old, { id: c.id, name: c.name }]);
                  overview(t('business.company.saved', { name: c.name }));
                }}
              />
            </>
          ) : (
            <>
              {companies.map((company) => (
                <CompanySection
                  key={company.id}
                  api={api}
                  company={company}
                  onNewListing={(sites, draft) =>
                    setView({ name: 'listing-form', company, sites, ...(draft ? { draft } : {}) })
                  }
                  onEdit={(listing, sites) => setView({ name: 'listing-form', company, sites, listing })}
                  onSuggestions={(listing) => setView({ name: 'suggestions', listing })}
                />
              ))}
              <div class="actions">
                <button type="button" class="secondary" onClick={() => setView({ name: 'new-company' })}>
                  {t('business.company.another')}
                </button>
              </div>
            </>
          )}
        </Page>
      );
  }
}

function CompanySection({
  api,
  company,
  onNewListing,
  onEdit,
  onSuggestions,
}: {
  api: Api;
  company: Company;
  onNewListing: (sites: Site[], draft?: Drafted) => void;
  onEdit: (listing: Listing, sites: Site[]) => void;
  onSuggestions: (listing: Listing) => void;
}) {
  const { t, quantity, date, number } = useI18n();
  const [addingSite, setAddingSite] = useState(false);
  const [siteNotice, setSiteNotice] = useState<string | null>(null);
  const [sites, retrySites] = useResource(
    async (signal) =>
      dataOf(
        await api.GET('/companies/{id}/sites', {
          params: { path: { id: company.id }, query: { limit: SITES_SHOWN } },
          signal,
        }),
      ).items,
    [api, company.id],
  );
  const [listings, retry] = useResource(
    async (signal) =>
      dataOf(
        await api.GET('/listings', {
          params: { query: { companyId: company.id, limit: LISTINGS_SHOWN } },
          signal,
        }),
      ),
    [api, company.id],
  );
  const siteList = sites.state === 'ready' ? sites.data : [];
  const headingId = `company-${company.id}`;
  const sitesId = `sites-${company.id}`;
  return (
    <section class="company" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('business.listings', { company: company.name })}</h2>

      <h3 id={sitesId}>{t('business.site.title')}</h3>
      <ResourceView resource={sites} retry={retrySites}>
        {(items) =>
          items.length === 0 ? (
            <p>{t('business.site.none')}</p>
          ) : (
            <ul class="sites" aria-labelledby={sitesId}>
              {items.map((site) => (
                <li key={site.id}>
                  <strong>{site.name ?? site.address ?? site.id}</strong>
                  {site.address && site.name && <> · {site.address}</>}
                  {site.municipality && <> · {site.municipality}</>}{' '}
                  <span class="hint">
                    ({number(site.lat, 4)}, {number(site.lon, 4)})
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
      <p class="status" role="status">
        {siteNotice}
      </p>
      {addingSite ? (
        <SiteForm
          api={api}
          companyId={company.id}
          onSaved={(site) => {
            setAddingSite(false);
            setSiteNotice(
              t('business.site.saved', { name: site.name ?? site.address ?? site.id }) +
                (site.municipalityCheck && !site.municipalityCheck.agrees
                  ? ` ${site.municipalityCheck.message}`
                  : ''),
            );
            retrySites();
          }}
          onCancel={() => setAddingSite(false)}
        />
      ) : (
        <div class="actions">
          <button type="button" class="secondary" onClick={() => setAddingSite(true)}>
            {t('business.site.addTo', { company: company.name })}
          </button>
        </div>
      )}

      <h3>{t('business.listing.heading')}</h3>
      <div class="actions">
        <button
          type="button"
          disabled={siteList.length === 0}
          aria-describedby={siteList.length === 0 ? `no-site-${company.id}` : undefined}
          onClick={() => onNewListing(siteList)}
        >
          {t('business.listing.new')}
        </button>
        {sites.state === 'ready' && siteList.length === 0 && (
          <span id={`no-site-${company.id}`} class="hint">
            {t('business.listing.needsSite')}
          </span>
        )}
      </div>
      <ResourceView resource={listings} retry={retry}>
        {(page) =>
          page.items.length === 0 ? (
            <>
              <p>{t('business.noListings')}</p>
              <CompanyPrompts
                api={api}
                companyId={company.id}
                canStart={siteList.length > 0}
                noSite={sites.state === 'ready' && siteList.length === 0}
                onStart={(input, title) => onNewListing(siteList, { input, title })}
              />
            </>
          ) : (
            <>
              <div class="table-scroll">
                <table aria-labelledby={headingId} class="listings">
                  <thead>
                    <tr>
                      <th scope="col">{t('listing.title')}</th>
                      <th scope="col">{t('listing.direction')}</th>
                      <th scope="col">{t('listing.kind')}</th>
                      <th scope="col" class="number">
                        {t('listing.quantity')}
                      </th>
                      <th scope="col">{t('listing.availableFrom')}</th>
                      <th scope="col">{t('listing.confidentiality')}</th>
                      <th scope="col">{t('business.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((listing) => (
                      <tr key={listing.id}>
                        <th scope="row">{listing.title}</th>
                        <td>{t(`direction.${listing.direction}`)}</td>
                        <td>{t(`kind.${listing.kind}`)}</td>
                        <td class="number">
                          {quantity(listing.canonicalQuantity.value, listing.canonicalQuantity.unit)}
                        </td>
                        <td>{listing.availableFrom ? date(listing.availableFrom) : t('listing.always')}</td>
                        <td>{t(`confidentiality.${listing.confidentiality}`)}</td>
                        <td class="row-actions">
                          <button
                            type="button"
                            class="secondary"
                            aria-label={t('business.listing.suggestionsOf', { title: listing.title })}
                            onClick={() => onSuggestions(listing)}
                          >
                            {t('business.listing.suggestions')}
                          </button>
                          <button
                            type="button"
                            class="secondary"
                            aria-label={t('business.listing.editOf', { title: listing.title })}
                            disabled={sites.state !== 'ready'}
                            onClick={() => onEdit(listing, siteList)}
                          >
                            {t('business.listing.edit')}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {page.hasMore && (
                <p class="note">{t('business.firstListings', { count: page.items.length })}</p>
              )}
            </>
          )
        }
      </ResourceView>
    </section>
  );
}
