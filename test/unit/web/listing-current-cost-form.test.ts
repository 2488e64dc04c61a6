import { describe, expect, it } from 'vitest';
import { ListingInputSchema } from '../../../src/domain/listing.ts';
import { schemaProblems } from '../../../web/src/forms/schema-check.ts';
import {
  initialState,
  type Listing,
  type Site,
  toInput,
  unreadable,
} from '../../../web/src/workspaces/business/listing-input.ts';

const site = { id: 'site-1' } as Site;
const need = () => ({
  ...initialState([site], undefined),
  direction: 'need' as const,
  title: 'Gypsum',
  value: '100',
  wasteCodes: ['100105'],
});

describe("the listing form's current cost", () => {
  it('when a price is typed, then the listing states it as NOK per unit; when left empty, then it states none', () => {
    const typed = toInput({ ...need(), currentCost: '450,5' });
    expect(typed.currentCost).toEqual({ nokPerUnit: 450.5 });
    expect(schemaProblems(ListingInputSchema, typed)).toEqual([]);
    expect(toInput(need()).currentCost).toBeUndefined();
  });

  it('when the text is not a number, then the form names the field before sending', () => {
    expect(unreadable({ ...need(), currentCost: 'cheap' })).toContainEqual({
      path: 'currentCost.nokPerUnit',
      message: 'NUMBER',
    });
  });

  it('when a listing with a current cost is edited, then the form shows it', () => {
    const listing = { ...toInput({ ...need(), currentCost: '300' }), id: 'l-1' } as unknown as Listing;
    expect(initialState([site], listing).currentCost).toBe('300');
  });
});
