/**
 * The facilitator workspace: the first page of the review queue (GET /review-queue), the open
 * suggestions in the facilitator's regions. A suggestion's full picture, its transitions,
 * assignment, readiness and outcome come here next (issue 12).
 */
import type { Api } from '../../api/client.ts';
import { dataOf } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { Page } from '../../ui/page.tsx';
import { ResourceView } from '../../ui/resource-view.tsx';

const QUEUE_PAGE = 25;

const KINDS = new Set(['material', 'energy', 'water', 'land']);
const kindKey = (kind: string): MessageKey | null =>
  KINDS.has(kind) ? (`kind.${kind}` as `kind.${'material' | 'energy' | 'water' | 'land'}`) : null;

export function FacilitatorWorkspace({ api }: { api: Api }) {
  const { t, number, decimal, date } = useI18n();
  const [queue, retry] = useResource(
    async (signal) =>
      dataOf(await api.GET('/review-queue', { params: { query: { limit: QUEUE_PAGE } }, signal })),
    [api],
  );
  const party = (p: { name: string } | null) => p?.name ?? t('facilitator.notDisclosed');
  return (
    <Page title={t('facilitator.title')} intro={t('facilitator.intro')}>
      <ResourceView resource={queue} retry={retry}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('facilitator.empty')}</p>
          ) : (
            <>
              <div class="table-scroll">
                <table>
                  <caption>{t('facilitator.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('facilitator.kind')}</th>
                      <th scope="col">{t('facilitator.offer')}</th>
                      <th scope="col">{t('facilitator.need')}</th>
                      <th scope="col">{t('facilitator.state')}</th>
                      <th scope="col" class="number">
                        {t('facilitator.score')}
                      </th>
                      <th scope="col" class="number">
                        {t('facilitator.co2e')}
                      </th>
                      <th scope="col">{t('facilitator.updated')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((item) => {
                      const kind = kindKey(item.kind);
                      return (
                        <tr key={item.id}>
                          <td>{kind ? t(kind) : item.kind}</td>
                          <td>{party(item.parties.offer)}</td>
                          <td>{party(item.parties.need)}</td>
                          <td>{t(`state.${item.state}`)}</td>
                          <td class="number">{decimal(item.score, 2)}</td>
                          <td class="number">{number(item.co2eAvoidedT, 1)}</td>
                          <td>{item.updatedAt ? date(item.updatedAt) : t('facilitator.never')}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {page.hasMore && (
                <p class="note">{t('facilitator.firstItems', { count: page.items.length })}</p>
              )}
            </>
          )
        }
      </ResourceView>
    </Page>
  );
}
