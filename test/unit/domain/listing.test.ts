import { describe, expect, it } from 'vitest';
import { type ListingInput, ListingInputSchema } from '../../../src/domain/listing.ts';

const material = (over: Partial<ListingInput> = {}): ListingInput => ({
  siteId: 'site-1',
  direction: 'offer',
  kind: 'material',
  title: 'Fly ash',
  quantity: { value: 100, unit: 't/yr' },
  material: { wasteCodes: ['100102'] },
  ...over,
});

const heat = (energy: ListingInput['energy']): ListingInput => ({
  siteId: 'site-1',
  direction: 'offer',
  kind: 'energy',
  title: 'Cooling water heat',
  quantity: { value: 2, unit: 'MW' },
  energy,
});

/** The rule violations of an input, as (path, message) pairs; [] when it parses. */
function violations(input: unknown): { path: PropertyKey[]; message: string }[] {
  const r = ListingInputSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message }));
}

describe('ListingInputSchema', () => {
  it('when a minimal material offer is given, then it parses with continuity and confidentiality defaulted', () => {
    const parsed = ListingInputSchema.parse(material());
    expect(parsed.continuity).toBe('continuous');
    expect(parsed.confidentiality).toBe('public');
  });

  it('when a material listing has no material block, then the block is required', () => {
    expect(violations(material({ material: undefined }))).toEqual([
      { path: ['material'], message: 'is required for a material listing' },
    ]);
  });

  it('when a material listing also carries an energy block, then the energy block is not allowed', () => {
    expect(violations(material({ energy: { carrier: 'hot-water' } }))).toEqual([
      { path: ['energy'], message: 'is not allowed on a material listing' },
    ]);
  });

  it('when a material block names neither codes nor category, then it is refused', () => {
    expect(violations(material({ material: { form: 'powder' } }))).toEqual([
      { path: ['material'], message: 'needs wasteCodes or a category' },
    ]);
  });

  it('when availableTo is before availableFrom, then availableTo is refused', () => {
    expect(violations(material({ availableFrom: '2026-05-01', availableTo: '2026-04-30' }))).toEqual([
      { path: ['availableTo'], message: 'must not be before availableFrom' },
    ]);
  });

  it('when the window is a single day, then it is accepted', () => {
    expect(violations(material({ availableFrom: '2026-05-01', availableTo: '2026-05-01' }))).toEqual([]);
  });

  it('when an offer names a 4-digit sub-chapter, then that code is refused at its index', () => {
    expect(violations(material({ material: { wasteCodes: ['100102', '1008'] } }))).toEqual([
      {
        path: ['material', 'wasteCodes', 1],
        message: 'an offer names full 6-digit codes; prefixes are for needs',
      },
    ]);
  });

  it('when a need names chapter and sub-chapter prefixes, then they are accepted', () => {
    expect(violations(material({ direction: 'need', material: { wasteCodes: ['10', '1008'] } }))).toEqual([]);
  });

  it('when codes are written as in the list ("10 08 16", "17 05 03*"), then they are normalised to 6 digits', () => {
    const parsed = ListingInputSchema.parse(
      material({ material: { wasteCodes: ['10 08 16', '17 05 03*'] } }),
    );
    expect(parsed.material?.wasteCodes).toEqual(['100816', '170503']);
  });

  it('when an offer says acceptsHazardous, then it is refused as a need-only field', () => {
    expect(violations(material({ material: { wasteCodes: ['100102'], acceptsHazardous: true } }))).toEqual([
      { path: ['material', 'acceptsHazardous'], message: 'applies to needs only' },
    ]);
  });

  it('when an offer states a form requirement or a waste permit, then each is refused as a need-only field', () => {
    const offer = material({
      material: { wasteCodes: ['100102'], form: 'powder', formRequired: true, acceptsWaste: true },
    });
    expect(violations(offer)).toEqual([
      { path: ['material', 'formRequired'], message: 'applies to needs only' },
      { path: ['material', 'acceptsWaste'], message: 'applies to needs only' },
    ]);
  });

  it('when a need states an animal by-product category or a waste status, then each is refused as an offer-only field', () => {
    const need = material({
      direction: 'need',
      material: { category: 'fly-ash', animalByProductCategory: 3, wasteStatus: 'by-product' },
    });
    expect(violations(need)).toEqual([
      { path: ['material', 'animalByProductCategory'], message: 'applies to offers only' },
      { path: ['material', 'wasteStatus'], message: 'applies to offers only' },
    ]);
  });

  it('when an offer states its animal by-product category and waste status, then it parses; category 4 does not', () => {
    const offer = (animalByProductCategory: number) =>
      material({
        material: { wasteCodes: ['020202'], animalByProductCategory, wasteStatus: 'by-product' } as never,
      });
    expect(violations(offer(3))).toEqual([]);
    expect(violations(offer(4)).map((v) => v.path)).toEqual([['material', 'animalByProductCategory']]);
  });

  it('when a need requires a form it does not state, or takes hazardous waste but no waste, then it is refused', () => {
    const need = (m: ListingInput['material']) => material({ direction: 'need', material: m });
    expect(violations(need({ category: 'fly-ash', formRequired: true }))).toEqual([
      { path: ['material', 'form'], message: 'is required when formRequired is true' },
    ]);
    expect(violations(need({ category: 'fly-ash', acceptsHazardous: true, acceptsWaste: false }))).toEqual([
      {
        path: ['material', 'acceptsWaste'],
        message:
          'must not be false when acceptsHazardous is true (a permit for hazardous waste is a waste permit)',
      },
    ]);
    expect(
      violations(need({ category: 'fly-ash', form: 'powder', formRequired: true, acceptsWaste: true })),
    ).toEqual([]);
  });

  it('when a need says acceptsHazardous, then it is accepted', () => {
    const need = material({ direction: 'need', material: { category: 'fly-ash', acceptsHazardous: true } });
    expect(violations(need)).toEqual([]);
  });

  it('when hot water returns warmer than it is supplied, then the return temperature is refused', () => {
    expect(
      violations(heat({ carrier: 'hot-water', supplyTemperatureC: 60, returnTemperatureC: 70 })),
    ).toEqual([
      {
        path: ['energy', 'returnTemperatureC'],
        message: 'must be below supplyTemperatureC for a heat carrier',
      },
    ]);
  });

  it('when steam returns at its supply temperature, then it is refused too (no heat is given off)', () => {
    expect(
      violations(heat({ carrier: 'steam', supplyTemperatureC: 120, returnTemperatureC: 120 })),
    ).toHaveLength(1);
  });

  it('when hot water returns colder than supplied, then it is accepted', () => {
    expect(
      violations(heat({ carrier: 'hot-water', supplyTemperatureC: 85, returnTemperatureC: 45 })),
    ).toEqual([]);
  });

  it('when a cold carrier returns warmer than supplied, then it is accepted (it is not a heat carrier)', () => {
    expect(violations(heat({ carrier: 'cold', supplyTemperatureC: 6, returnTemperatureC: 12 }))).toEqual([]);
  });

  it('when an unknown field is sent, then it is refused rather than dropped', () => {
    expect(violations({ ...material(), colour: 'grey' })[0]?.message).toMatch(/colour/);
  });
});
