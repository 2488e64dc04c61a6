import { describe, expect, it } from 'vitest';
import {
  coldStartPrompts,
  commonMaterialStreams,
  heatPrompt,
  type PeerMaterialListing,
  peerAccess,
} from '../../../src/domain/cold-start.ts';
import { excessHeatOfDivision, type HotmapsSite } from '../../../src/domain/excess-heat.ts';
import { loadReferenceData } from '../../../src/reference/load.ts';

const ref = loadReferenceData();

const offer = (
  companyId: string,
  wasteCodes: string[],
  category: string | null = null,
): PeerMaterialListing => ({
  companyId,
  direction: 'offer',
  wasteCodes,
  category,
});
const need = (
  companyId: string,
  wasteCodes: string[],
  category: string | null = null,
): PeerMaterialListing => ({
  ...offer(companyId, wasteCodes, category),
  direction: 'need',
});

describe('material streams of a division', () => {
  it('when one company lists a stream many times, then it counts once and the stream stays hidden', () => {
    const streams = commonMaterialStreams([
      offer('a', ['100316']),
      offer('a', ['100316']),
      offer('a', ['100316']),
      offer('b', ['100908']),
    ]);
    expect(streams).toEqual([]);
  });

  it('when two companies list a stream, then it is shown with the companies behind it, never listings', () => {
    const streams = commonMaterialStreams([
      offer('a', ['100316']),
      offer('a', ['100316']),
      offer('b', ['100316']),
      offer('c', ['100908']),
    ]);
    expect(streams).toEqual([
      {
        direction: 'offer',
        by: 'waste-code',
        key: '100316',
        companies: 2,
        peers: 3,
        wasteCodes: ['100316'],
        category: null,
      },
    ]);
  });

  it('when the minimum is raised to 3, then a stream of 2 companies is hidden; below 2 it stays 2', () => {
    const listings = [offer('a', ['100316']), offer('b', ['100316'])];
    expect(commonMaterialStreams(listings, { minCompanies: 3 })).toEqual([]);
    expect(commonMaterialStreams([offer('a', ['100316'])], { minCompanies: 1 })).toEqual([]);
  });

  it('when a category and its codes are one stream, then the category is shown once, with the codes most of them give', () => {
    const streams = commonMaterialStreams([
      need('a', ['191202', '170405'], 'ferrous-scrap'),
      need('b', ['191202', '170405', '160117'], 'ferrous-scrap'),
      need('c', ['0301'], 'wood-residues'),
    ]);
    expect(streams).toEqual([
      {
        direction: 'need',
        by: 'category',
        key: 'ferrous-scrap',
        companies: 2,
        peers: 3,
        // 160117 is one company's alone: not in the draft.
        wasteCodes: ['170405', '191202'],
        category: 'ferrous-scrap',
      },
    ]);
  });

  it('when a code is listed by more companies than its category, then the code is the stream, with the category only if enough give it', () => {
    const streams = commonMaterialStreams([
      offer('a', ['161104'], 'spent-potlining'),
      offer('b', ['161104']),
      offer('c', ['161104'], 'spent-potlining'),
      offer('d', ['161104']),
    ]);
    expect(streams.map((s) => [s.by, s.key, s.companies, s.category])).toEqual([
      ['waste-code', '161104', 4, 'spent-potlining'],
    ]);
    const fewer = commonMaterialStreams([offer('a', ['161104'], 'spent-potlining'), offer('b', ['161104'])]);
    expect(fewer.map((s) => [s.by, s.key, s.category])).toEqual([['waste-code', '161104', null]]);
  });

  it('when streams are ranked, then most companies come first, per direction, cut at the limit', () => {
    const listings = [
      ...['a', 'b', 'c'].map((c) => offer(c, ['100202'])),
      ...['a', 'b'].map((c) => offer(c, ['100908'])),
      ...['a', 'b'].map((c) => offer(c, ['100903'])),
      ...['a', 'b'].map((c) => need(c, ['0301'])),
    ];
    const streams = commonMaterialStreams(listings, { streamsPerDirection: 2 });
    expect(streams.map((s) => `${s.direction} ${s.key} ${s.companies}`)).toEqual([
      'offer 100202 3',
      'offer 100903 2',
      'need 0301 2',
    ]);
  });

  it('when the prompts count, then they see what a business of the asking company sees: no private listing', () => {
    expect(peerAccess('co_1')).toEqual({
      all: false,
      companyIds: ['co_1'],
      regions: [],
      anonymised: ['anonymous'],
      involvedOnly: true,
    });
  });
});

describe('prompts with their drafts', () => {
  const hot: HotmapsSite[] = Array.from({ length: 6 }, (_, i) => ({
    subsector: 'Iron and steel',
    excessHeatGWh: { '100-200': 0, '200-500': 10 + i, '500+': 1 },
  }));

  it('when Hotmaps knows the division, then the heat prompt comes first with a flue-gas draft at its band’s floor', () => {
    const heat = excessHeatOfDivision(hot, '24')!;
    const prompts = coldStartPrompts(heat, [offer('a', ['100316']), offer('b', ['100316'])], ref);
    expect(prompts.map((p) => p.type)).toEqual(['excess-heat', 'material-stream']);
    expect(prompts[0]).toEqual(heatPrompt(heat));
    expect(prompts[0]!.draft).toEqual({
      kind: 'energy',
      direction: 'offer',
      title: 'Excess heat at 200–500 °C',
      quantity: { unit: 'GWh/yr' },
      energy: { carrier: 'flue-gas', supplyTemperatureC: 200 },
    });
    expect(prompts[0]!.type === 'excess-heat' && prompts[0]!.basis).toMatchObject({
      source: 'hotmaps',
      sites: 6,
      sitesWithExcessHeat: 6,
      medianGWhPerYear: 13.5,
      band: '200-500',
    });
  });

  it('when a stream becomes a prompt, then it names the code in both languages and drafts a listing of it', () => {
    const [prompt] = coldStartPrompts(null, [offer('a', ['100316']), offer('b', ['100316'])], ref);
    expect(prompt).toMatchObject({
      type: 'material-stream',
      direction: 'offer',
      by: 'waste-code',
      category: null,
      wasteCode: { code: '100316', en: ref.wasteCodes.get('100316')!.description },
      basis: { source: 'listings', companies: 2, peers: 2, minCompanies: 2 },
      draft: {
        kind: 'material',
        direction: 'offer',
        title: ref.wasteCodes.get('100316')!.description,
        quantity: { unit: 't/yr' },
        material: { wasteCodes: ['100316'] },
      },
    });
    expect(prompt!.type === 'material-stream' && prompt!.wasteCode!.nb).toBeTruthy();
  });

  it('when a need’s stream is a sub-chapter prefix, then the prompt names it by the sub-chapter’s title', () => {
    const [prompt] = coldStartPrompts(null, [need('a', ['0301']), need('b', ['0301'])], ref);
    expect(prompt!.type === 'material-stream' && prompt!.wasteCode).toMatchObject({
      code: '0301',
      en: ref.wasteSubchapters.get('0301')!.title,
    });
  });
});
