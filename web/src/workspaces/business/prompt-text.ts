/**
 * What a prompt of GET /companies/{id}/prompts says, in the reader's language, from its structured
 * fields (division, band, counts, the category's or code's names in both languages): its line, its
 * basis and the title of the listing it drafts. Pure, so it is tested without a browser.
 */
import type { components } from '../../api/schema.d.ts';
import type { Format, Language } from '../../i18n/format.ts';
import { en, type MessageKey } from '../../i18n/messages.ts';

export type Prompt = components['schemas']['CompanyPrompts']['prompts'][number];

export interface PromptText {
  line: string;
  basis: string;
  /** The title the drafted listing starts with. */
  draftTitle: string;
}

const TITLE_MAX = 200;
/** A name in the reader's language (as taxonomy.ts inLanguage, without its API client). */
const inLanguage = (language: Language, en: string, nb: string | null) => (language === 'nb' && nb ? nb : en);
const clip = (s: string) => (s.length > TITLE_MAX ? `${s.slice(0, TITLE_MAX - 1)}…` : s);

export function promptText(p: Prompt, f: Format): PromptText {
  const { t } = f;
  if (p.type === 'excess-heat') {
    const b = p.basis;
    const band = t(`business.prompts.band.${b.band}` as MessageKey);
    const subsectors = b.subsectors
      .map((s) => {
        const key = `business.prompts.subsector.${s.name}`;
        return Object.hasOwn(en, key) ? t(key as MessageKey) : s.name;
      })
      .join(', ');
    return {
      line: t('business.prompts.heat', { median: f.quantity(b.medianGWhPerYear, 'GWh/yr'), band }),
      basis: t('business.prompts.heatBasis', {
        withHeat: b.sitesWithExcessHeat,
        sites: b.sites,
        subsectors,
        share: f.number(b.shareWithExcessHeat * 100, 0),
        bandShare: f.number(b.bandShare * 100, 0),
        band,
      }),
      draftTitle: clip(t('business.prompts.heatTitle', { band })),
    };
  }
  const name =
    p.by === 'category' && p.category
      ? inLanguage(f.language, p.category.en, p.category.nb)
      : p.wasteCode
        ? inLanguage(f.language, p.wasteCode.en, p.wasteCode.nb)
        : p.draft.title;
  const named = p.by === 'waste-code' && p.wasteCode ? `${p.wasteCode.code} ${name}` : name;
  const stream = p.wasteCode?.hazardous ? t('business.prompts.hazardous', { stream: named }) : named;
  const counts = { companies: p.basis.companies, peers: p.basis.peers };
  return {
    line: t(p.direction === 'offer' ? 'business.prompts.offered' : 'business.prompts.needed', { stream }),
    basis: t(p.direction === 'offer' ? 'business.prompts.offerBasis' : 'business.prompts.needBasis', counts),
    draftTitle: clip(name),
  };
}
