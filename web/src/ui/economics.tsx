/**
 * A suggestion's economics as the engine estimated them (engine 2.2.0 on; decision 0015): the
 * route by road (or by road and sea when the straight line crosses open water), what transport
 * costs a year by its mode, a pipe's length, cost and payback, and the saving against what each
 * side states it pays today. Absent economics (an older suggestion) show nothing.
 */
import type { Schemas } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';

type Economics = NonNullable<Schemas['Suggestion']['economics']>;

const MODE_KEYS = {
  truck: 'economics.mode.truck',
  ship: 'economics.mode.ship',
  pipe: 'economics.mode.pipe',
  none: 'economics.mode.none',
} as const;

export function EconomicsFacts({ economics: e }: { economics: Economics }) {
  const { t, number } = useI18n();
  const nok = (amount: number) => t('economics.nok', { amount: number(Math.round(amount), 0) });
  const route = t(e.crossesOpenWater === true ? 'economics.bySea' : 'economics.byRoad', {
    straight: number(e.straightKm),
    route: number(e.routeKm, 0),
  });
  const transport =
    e.transportCostNokPerYear === null
      ? t(e.mode === 'none' ? 'economics.mode.none' : 'economics.mode.unknown')
      : t(MODE_KEYS[e.mode], { cost: nok(e.transportCostNokPerYear) });
  const saving = e.saving;
  return (
    <>
      <dl class="facts economics">
        <div>
          <dt>{t('economics.route')}</dt>
          <dd>{route}</dd>
        </div>
        <div>
          <dt>{t('economics.transport')}</dt>
          <dd>{transport}</dd>
        </div>
        {e.pipe && (
          <div>
            <dt>{t('economics.pipe')}</dt>
            <dd>
              {t('economics.pipeLine', {
                km: number(e.pipe.lengthKm),
                cost: nok(e.pipe.costNokPerM),
                capital: nok(e.pipe.capitalCostNok),
              })}
              {e.pipe.capacityMW !== null && (
                <>
                  {'. '}
                  {t('economics.pipeCapacity', { mw: number(e.pipe.capacityMW, 2) })}
                </>
              )}
            </dd>
          </div>
        )}
        {e.pipe && (
          <div>
            <dt>{t('economics.payback')}</dt>
            <dd>
              {e.pipe.paybackYears === null || e.pipe.valueNokPerYear === null
                ? t('economics.paybackUnknown')
                : t('economics.paybackYears', {
                    years: number(e.pipe.paybackYears),
                    value: nok(e.pipe.valueNokPerYear),
                  })}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('economics.saving')}</dt>
          <dd>
            {saving === undefined ? (
              t('economics.noSaving')
            ) : (
              <ul class="plain">
                {saving.offerSideNokPerYear !== undefined && (
                  <li>{t('economics.savingOffer', { amount: nok(saving.offerSideNokPerYear) })}</li>
                )}
                {saving.needSideNokPerYear !== undefined && (
                  <li>{t('economics.savingNeed', { amount: nok(saving.needSideNokPerYear) })}</li>
                )}
                <li>{t('economics.savingNet', { amount: nok(saving.netNokPerYear) })}</li>
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <p class="hint">{t('economics.basis', { set: e.costSet })}</p>
    </>
  );
}
