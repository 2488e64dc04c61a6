import type { ErrorDetail } from '../errors.ts';
import type { Listing, ListingData } from './listing.ts';
import { canonicalQuantityProblem } from './quantity-bounds.ts';
import { isKnownWastePrefix, type ReferenceData } from './reference.ts';
import { toCanonical } from './units.ts';

/**
 * Checks a structurally valid listing against reference data: waste codes exist, the category and
 * hourly profile are known, the unit converts to a quantity within bounds. Returns every problem
 * found, each naming its field.
 */
export function checkListingReference(l: ListingData, ref: ReferenceData): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const conversion = toCanonical(l.kind, l.quantity, l.quantity.operatingHours);
  if (!conversion.ok) problems.push({ path: `quantity.${conversion.field}`, message: conversion.reason });
  const outOfBounds = conversion.ok ? canonicalQuantityProblem(l.kind, conversion.value) : undefined;
  if (outOfBounds) {
    problems.push({
      path: 'quantity.value',
      message: `${l.quantity.value} ${l.quantity.unit} ${outOfBounds}`,
    });
  }

  const m = l.material;
  if (m) {
    m.wasteCodes?.forEach((code, i) => {
      if (!isKnownWastePrefix(ref, code)) {
        const what = code.length === 6 ? 'code' : code.length === 4 ? 'sub-chapter' : 'chapter';
        problems.push({
          path: `material.wasteCodes[${i}]`,
          message: `'${code}' is not a ${what} of the European List of Waste`,
        });
      }
    });
    if (m.category !== undefined && !ref.materialCategories.has(m.category)) {
      problems.push({
        path: 'material.category',
        message: `'${m.category}' is not a material category (see GET /taxonomy/material-categories)`,
      });
    }
  }
  const profile = l.energy?.hourlyProfile;
  if (profile !== undefined && !ref.hourlyProfiles.has(profile)) {
    problems.push({
      path: 'energy.hourlyProfile',
      message: `'${profile}' is not a known hourly profile; known: ${[...ref.hourlyProfiles].join(', ')}`,
    });
  }
  return problems;
}

/** True when any of the offered codes is hazardous (an asterisk entry of the List of Waste). */
export function isHazardous(codes: readonly string[] | undefined, ref: ReferenceData): boolean {
  return (codes ?? []).some((c) => ref.wasteCodes.get(c)?.hazardous === true);
}

/** Builds the stored listing from validated input: canonical quantity and derived flags. */
export function materialiseListing(
  l: ListingData,
  ref: ReferenceData,
  ids: { id: string; companyId: string },
  timestamps: { createdAt: string; updatedAt: string },
): Listing {
  const conversion = toCanonical(l.kind, l.quantity, l.quantity.operatingHours);
  if (!conversion.ok) throw new Error(`materialiseListing on unchecked input: ${conversion.reason}`);
  const outOfBounds = canonicalQuantityProblem(l.kind, conversion.value);
  if (outOfBounds) throw new Error(`materialiseListing on unchecked input: ${outOfBounds}`);
  const { material, ...rest } = l;
  return {
    ...rest,
    ...ids,
    ...timestamps,
    canonicalQuantity: { value: conversion.value, unit: conversion.unit },
    ...(material ? { material: { ...material, hazardous: isHazardous(material.wasteCodes, ref) } } : {}),
  };
}
