export const LISTING_KINDS = ['material', 'energy', 'water', 'land'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];

export const DIRECTIONS = ['offer', 'need'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const CONTINUITIES = ['continuous', 'batch', 'one-off'] as const;
export type Continuity = (typeof CONTINUITIES)[number];

/** public: all see it; anonymous: the company is hidden from other businesses; private: facilitators only. */
export const CONFIDENTIALITIES = ['public', 'anonymous', 'private'] as const;
export type Confidentiality = (typeof CONFIDENTIALITIES)[number];

export const ENERGY_CARRIERS = [
  'hot-water',
  'steam',
  'flue-gas',
  'cooling-water',
  'cold',
  'electricity',
  'gas',
] as const;
export type EnergyCarrier = (typeof ENERGY_CARRIERS)[number];

export const PHYSICAL_FORMS = ['solid', 'granular', 'powder', 'sludge', 'liquid', 'gas', 'mixed'] as const;

/** Animal by-product categories of Regulation (EC) No 1069/2009, Articles 8-10 (1: highest risk). */
export const ANIMAL_BY_PRODUCT_CATEGORIES = [1, 2, 3] as const;
export type AnimalByProductCategory = (typeof ANIMAL_BY_PRODUCT_CATEGORIES)[number];

/**
 * What an offered material is in waste law (Directive 2008/98/EC): waste, a by-product (Article 5)
 * or a material that has ceased to be waste (end-of-waste, Article 6).
 */
export const WASTE_STATUSES = ['waste', 'by-product', 'end-of-waste'] as const;
export type WasteStatus = (typeof WASTE_STATUSES)[number];

export const WATER_TYPES = [
  'cooling',
  'process',
  'treated-wastewater',
  'grey',
  'potable',
  'surface',
  'seawater',
  'rainwater',
  /** Untreated effluent of a process (with its load); serves only needs that treat water on site. */
  'industrial-waste-water',
] as const;
export type WaterType = (typeof WATER_TYPES)[number];

export const WATER_QUALITIES = ['potable', 'process', 'non-potable', 'saline'] as const;
export type WaterQuality = (typeof WATER_QUALITIES)[number];

export const LAND_USES = ['industrial', 'commercial', 'agricultural', 'storage', 'mixed'] as const;
export type LandUse = (typeof LAND_USES)[number];

export const LAND_FACILITIES = [
  'quay',
  'rail',
  'road',
  'grid-connection',
  'district-heating',
  'water-supply',
  'building',
] as const;
