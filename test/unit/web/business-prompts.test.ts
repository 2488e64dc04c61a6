import { describe, expect, it } from 'vitest';
import { coldStartPrompts, type PeerMaterialListing } from '../../../src/domain/cold-start.ts';
import { excessHeatOfDivision } from '../../../src/domain/excess-heat.ts';
import { ListingInputSchema } from '../../../src/domain/listing.ts';
import { loadHotmapsSites } from '../../../src/reference/excess-heat.ts';
import { loadReferenceData } from '../../../src/reference/load.ts';
import { createFormat } from '../../../web/src/i18n/format.ts';
import { draftState, type Site, toInput } from '../../../web/src/workspaces/business/listing-input.ts';
import { type Prompt, promptText } from '../../../web/src/workspaces/business/prompt-text.ts';

const NBSP = '\u00a0';
const ref = loadReferenceData();
const peers: PeerMaterialListing[] = [
  { companyId: 'a', direction: 'need', wasteCodes: ['191202'], category: 'ferrous-scrap' },
  { companyId: 'b', direction: 'need', wasteCodes: ['191202'], category: 'ferrous-scrap' },
  { companyId: 'a', direction: 'offer', wasteCodes: ['100316'], category: null },
  { companyId: 'b', direction: 'offer', wasteCodes: ['100316'], category: null },
];
/** The prompts as the API answers them for division 24: heat, an offered code, a needed category. */
const PROMPTS = coldStartPrompts(excessHeatOfDivision(loadHotmapsSites(), '24'), peers, ref) as Prompt[];
const [heat, offered, needed] = PROMPTS as [Prompt, Prompt, Prompt];
const SITES: Site[] = [{ id: 'si_1', companyId: 'co_1', name: 'Verket', lat: 59.9, lon: 5.8 } as Site];

describe('the prompts’ texts', () => {
  it('when the heat prompt is written, then its figures, band and basis follow the language', () => {
    expect(promptText(heat, createFormat('en'))).toEqual({
      line: 'Excess heat: median 29.4 GWh/yr, mostly at 200–500 °C',
      basis:
        'Hotmaps Industrial Database: 160 of its 698 European sites of this division (iron and steel, non-ferrous metals) have excess heat (23 %); 55 % of that heat is at 200–500 °C.',
      draftTitle: 'Excess heat at 200–500 °C',
    });
    const nb = promptText(heat, createFormat('nb'));
    expect(nb.line).toBe('Overskuddsvarme: median 29,4 GWh/år, mest ved 200–500 °C');
    expect(nb.basis).toContain('160 av databasens 698 europeiske anlegg');
    expect(nb.basis).toContain('(jern og stål, ikke-jernholdige metaller)');
    expect(nb.draftTitle).toBe('Overskuddsvarme ved 200–500 °C');
  });

  it('when a stream is written, then it is named in the reader’s language with its counts', () => {
    const en = promptText(offered, createFormat('en'));
    expect(en.line).toBe(`Often offered: 100316 ${ref.wasteCodes.get('100316')!.description}`);
    expect(en.basis).toBe(
      'Offered by 2 of the 2 companies of your division that offer materials in this service.',
    );
    const nb = promptText(needed, createFormat('nb'));
    expect(nb.line).toBe(`Etterspørres ofte: ${ref.materialCategories.get('ferrous-scrap')!.nameNb}`);
    expect(nb.basis).toContain('Etterspørres av 2 av de 2 bedriftene');
    expect(nb.draftTitle).toBe(ref.materialCategories.get('ferrous-scrap')!.nameNb);
  });

  it('when numbers are large, then they are grouped the way of the language', () => {
    const big = { ...heat, basis: { ...heat.basis, sites: 2330 } } as Prompt;
    expect(promptText(big, createFormat('nb')).basis).toContain(`2${NBSP}330`);
  });
});

describe('a listing form opened from a prompt', () => {
  it('when the heat draft opens the form, then kind, carrier, temperature and unit are filled in, the quantity left to the user', () => {
    const s = draftState(SITES, heat.draft, 'Excess heat at 200–500 °C');
    expect(s).toMatchObject({
      siteId: 'si_1',
      kind: 'energy',
      direction: 'offer',
      title: 'Excess heat at 200–500 °C',
      unit: 'GWh',
      period: 'year',
      carrier: 'flue-gas',
      supplyTemperatureC: '200',
      value: '',
    });
    const input = toInput({ ...s, value: '12' });
    expect(ListingInputSchema.safeParse(input).success).toBe(true);
    expect(input.energy).toEqual({ carrier: 'flue-gas', supplyTemperatureC: 200 });
  });

  it('when a material draft opens the form, then its codes and category are chosen and it registers as it is', () => {
    const s = draftState(SITES, needed.draft, 'Jernskrap');
    expect(s).toMatchObject({
      kind: 'material',
      direction: 'need',
      unit: 't',
      period: 'year',
      wasteCodes: ['191202'],
      category: 'ferrous-scrap',
    });
    expect(ListingInputSchema.safeParse(toInput({ ...s, value: '800' })).success).toBe(true);
  });
});
