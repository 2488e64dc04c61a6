/**
 * The business workspace: the companies the user acts for (GET /me) and each one's listings
 * (GET /listings?companyId=). Registering and editing listings, and answering suggestions, come
 * here next (issue 12).
 */
import type { Api, Me } from '../../api/client.ts';
import { dataOf } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Page } from '../../ui/page.tsx';
import { ResourceView } from '../../ui/resource-view.tsx';

/** Listings shown per company until the workspace pages them. */
const LISTINGS_SHOWN = 100;

type Company = Me['companies'][number];

export function BusinessWorkspace({ api, me }: { api: Api; me: Me }) {
  const { t } = useI18n();
  return (
    <Page title={t('business.title')}>
      {me.companies.length === 0 ? (
        <p>{t('business.noCompanies')}</p>
      ) : (
        me.companies.map((company) => <CompanyListings key={company.id} api={api} company={company} />)
      )}
    </Page>
  );
}

function CompanyListings({ api, company }: { api: Api; company: Company }) {
  const { t, quantity, date } = useI18n();
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
  const headingId = `company-${company.id}`;
  return (
    <section class="company" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('business.listings', { company: company.name })}</h2>
      <ResourceView resource={listings} retry={retry}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('business.noListings')}</p>
          ) : (
            <>
              <div class="table-scroll">
                <table aria-labelledby={headingId}>
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
