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

export const WATER_TYPES = [
  'cooling',
  'process',
  'treated-wastewater',
  'grey',
  'potable',
  'surface',
  'seawater',
  'rainwater',
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
