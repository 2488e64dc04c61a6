import { z } from 'zod';
import { RefSchema } from './company.ts';
import { optionalText, text } from './fields.ts';
import {
  ANIMAL_BY_PRODUCT_CATEGORIES,
  CONFIDENTIALITIES,
  CONTINUITIES,
  DIRECTIONS,
  ENERGY_CARRIERS,
  LAND_FACILITIES,
  LAND_USES,
  LISTING_KINDS,
  PHYSICAL_FORMS,
  WASTE_STATUSES,
  WATER_QUALITIES,
  WATER_TYPES,
} from './listing-kinds.ts';
import { withoutDefaults } from './patch.ts';
import { FIELD_BOUNDS } from './quantity-bounds.ts';
import { PERIODS } from './units.ts';

const isoDate = z.iso.date().meta({ description: 'ISO date, YYYY-MM-DD' });

export const QuantitySchema = z
  .strictObject({
    value: z.number().positive('must be greater than 0').finite(),
    unit: z.string().trim().min(1).max(20).meta({
      description:
        'e.g. t/yr, t/month, kg/day, MWh/yr, GWh/yr, kW, MW, m3/day, l/s, m2, daa, ha; prefix case counts (mL millilitres, ML megalitres, Mg tonnes)',
    }),
    period: z.enum(PERIODS).optional().meta({ description: 'needed when the unit has no /period part' }),
    operatingHours: z
      .number()
      .positive()
      .max(8784)
      .optional()
      .meta({ description: 'hours per year for power (kW) and flow (l/s) units; default 8760' }),
  })
  .meta({ id: 'Quantity' });

/** A List of Waste code (6 digits) or, for a need, a chapter (2) or sub-chapter (4) prefix. */
export const WasteCodeSchema = z
  .string()
  .transform((s) => s.replace(/[\s*]/g, ''))
  .pipe(
    z
      .string()
      .regex(/^\d{2}(\d{2}(\d{2})?)?$/, 'must be a List of Waste code: 6 digits, or a 2/4-digit prefix'),
  );

export const MaterialDetailsSchema = z
  .strictObject({
    wasteCodes: z.array(WasteCodeSchema).max(50).optional().meta({
      description:
        'Offer: the List of Waste codes of the material. Need: accepted codes or chapter/sub-chapter prefixes.',
    }),
    category: z
      .string()
      .max(64)
      .optional()
      .meta({ description: 'material category id from data/taxonomy/material-categories.json' }),
    form: z.enum(PHYSICAL_FORMS).optional(),
    purityPct: z.number().min(0).max(100).optional(),
    moisturePct: z.number().min(0).max(100).optional(),
    contaminants: z.array(text(100)).max(30).optional(),
    acceptsHazardous: z
      .boolean()
      .optional()
      .meta({ description: 'need only: the receiver is permitted to take hazardous waste' }),
    formRequired: z.boolean().optional().meta({
      description:
        'need only: the stated form is a requirement, so an offer of another form does not match (by default a different form only lowers the quality term)',
    }),
    animalByProductCategory: z
      .union(ANIMAL_BY_PRODUCT_CATEGORIES.map((c) => z.literal(c)))
      .optional()
      .meta({
        description:
          'offer only: animal by-product category under Regulation (EC) No 1069/2009 (1, 2 or 3); category 1 goes to no feed, fertiliser, biogas or compost use, category 2 to no feed use',
      }),
    wasteStatus: z.enum(WASTE_STATUSES).optional().meta({
      description:
        'offer only: waste, by-product (Directive 2008/98/EC, Article 5) or end-of-waste (Article 6); an offer stated to be waste goes only to needs with a waste permit (acceptsWaste true)',
    }),
    acceptsWaste: z.boolean().optional().meta({
      description:
        'need only: true, the receiver holds a permit to take waste; false, it takes only offers stated to be by-products or end-of-waste; unstated, an offer stated to be waste does not match',
    }),
  })
  .meta({ id: 'MaterialDetails' });

export const EnergyDetailsSchema = z
  .strictObject({
    carrier: z.enum(ENERGY_CARRIERS),
    supplyTemperatureC: z.number().min(-60).max(1600).optional(),
    returnTemperatureC: z.number().min(-60).max(1600).optional(),
    powerKw: z.number().positive().max(FIELD_BOUNDS.powerKw, 'must be at most 1e8 kW (100 GW)').optional(),
    monthlyProfile: z
      .array(z.number().min(0).max(FIELD_BOUNDS.monthlyFactor, 'must be at most 1e12 (factors are relative)'))
      .length(12, 'must have 12 monthly factors, January first')
      .optional()
      .meta({ description: '12 relative monthly factors (any scale), January first' }),
    hourlyProfile: z.string().max(100).optional().meta({
      description: 'reference to an hourly profile in data/reference/load-profiles-no, e.g. hotmaps-no:paper',
    }),
    heatPumpSource: z.boolean().optional().meta({
      description:
        "need only (hot-water or cooling-water): low-temperature heat for the receiver's own heat pump, at least supplyTemperatureC; not a cooling demand",
    }),
  })
  .meta({ id: 'EnergyDetails' });

export const WaterDetailsSchema = z
  .strictObject({
    type: z.enum(WATER_TYPES),
    quality: z.enum(WATER_QUALITIES).optional(),
    temperatureC: z.number().min(-5).max(200).optional(),
    treatsOnSite: z.boolean().optional().meta({
      description:
        'need only: the receiver treats water on site, so untreated industrial waste water can serve it',
    }),
  })
  .meta({ id: 'WaterDetails' });

export const LandDetailsSchema = z
  .strictObject({
    landUse: z.enum(LAND_USES),
    zoning: optionalText(100).optional(),
    facilities: z.array(z.enum(LAND_FACILITIES)).max(LAND_FACILITIES.length).optional(),
  })
  .meta({ id: 'LandDetails' });

/**
 * What a listing pays today per canonical unit of its quantity (NOK per t, MWh, m³ or m²): a need
 * what it buys the resource for, an offer what disposing of it (or cooling it away) costs. The
 * engine sets it against the exchange (the saving on a suggestion's economics).
 */
export const CurrentCostSchema = z
  .strictObject({
    nokPerUnit: z.number().min(0).max(1_000_000),
  })
  .meta({
    id: 'CurrentCost',
    description:
      "what the listing pays today, NOK per t, MWh, m³ or m² (its kind's canonical unit): a need's purchase price, an offer's disposal cost",
  });

const listingFields = {
  ref: RefSchema.optional(),
  siteId: z.string().min(1).max(100),
  direction: z.enum(DIRECTIONS),
  kind: z.enum(LISTING_KINDS),
  title: text(200),
  description: optionalText(4000).optional(),
  quantity: QuantitySchema,
  availableFrom: isoDate.optional(),
  availableTo: isoDate.optional(),
  continuity: z.enum(CONTINUITIES).default('continuous'),
  maxDistanceKm: z.number().positive().max(20000).optional(),
  confidentiality: z.enum(CONFIDENTIALITIES).default('public'),
  currentCost: CurrentCostSchema.optional(),
  material: MaterialDetailsSchema.optional(),
  energy: EnergyDetailsSchema.optional(),
  water: WaterDetailsSchema.optional(),
  land: LandDetailsSchema.optional(),
};

type ListingShape = {
  kind: (typeof LISTING_KINDS)[number];
  direction: (typeof DIRECTIONS)[number];
  availableFrom?: string | undefined;
  availableTo?: string | undefined;
  material?: z.output<typeof MaterialDetailsSchema> | undefined;
  energy?: z.output<typeof EnergyDetailsSchema> | undefined;
  water?: z.output<typeof WaterDetailsSchema> | undefined;
  land?: unknown;
};

/** Structural rules that need more than one field; reference data is checked in listing-rules.ts. */
export function refineListing(l: ListingShape, ctx: z.RefinementCtx): void {
  for (const kind of LISTING_KINDS) {
    const present = l[kind] !== undefined;
    if (kind === l.kind && !present) {
      ctx.addIssue({ code: 'custom', path: [kind], message: `is required for a ${kind} listing` });
    }
    if (kind !== l.kind && present) {
      ctx.addIssue({ code: 'custom', path: [kind], message: `is not allowed on a ${l.kind} listing` });
    }
  }
  if (l.availableFrom && l.availableTo && l.availableTo < l.availableFrom) {
    ctx.addIssue({ code: 'custom', path: ['availableTo'], message: 'must not be before availableFrom' });
  }
  const m = l.material;
  if (l.kind === 'material' && m) {
    if (!m.wasteCodes?.length && !m.category) {
      ctx.addIssue({ code: 'custom', path: ['material'], message: 'needs wasteCodes or a category' });
    }
    if (l.direction === 'offer') {
      m.wasteCodes?.forEach((code, i) => {
        if (code.length !== 6) {
          ctx.addIssue({
            code: 'custom',
            path: ['material', 'wasteCodes', i],
            message: 'an offer names full 6-digit codes; prefixes are for needs',
          });
        }
      });
      for (const field of ['acceptsHazardous', 'formRequired', 'acceptsWaste'] as const) {
        if (m[field] !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['material', field], message: 'applies to needs only' });
        }
      }
    } else {
      for (const field of ['animalByProductCategory', 'wasteStatus'] as const) {
        if (m[field] !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['material', field], message: 'applies to offers only' });
        }
      }
      if (m.formRequired === true && m.form === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['material', 'form'],
          message: 'is required when formRequired is true',
        });
      }
      if (m.acceptsHazardous === true && m.acceptsWaste === false) {
        ctx.addIssue({
          code: 'custom',
          path: ['material', 'acceptsWaste'],
          message:
            'must not be false when acceptsHazardous is true (a permit for hazardous waste is a waste permit)',
        });
      }
    }
  }
  const e = l.energy;
  if (l.kind === 'energy' && e) {
    const heat = e.carrier === 'hot-water' || e.carrier === 'steam' || e.carrier === 'flue-gas';
    if (
      heat &&
      e.supplyTemperatureC !== undefined &&
      e.returnTemperatureC !== undefined &&
      e.returnTemperatureC >= e.supplyTemperatureC
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['energy', 'returnTemperatureC'],
        message: 'must be below supplyTemperatureC for a heat carrier',
      });
    }
    if (e.heatPumpSource !== undefined) {
      if (l.direction !== 'need') {
        ctx.addIssue({
          code: 'custom',
          path: ['energy', 'heatPumpSource'],
          message: 'applies to needs only',
        });
      } else if (e.heatPumpSource && e.carrier !== 'hot-water' && e.carrier !== 'cooling-water') {
        ctx.addIssue({
          code: 'custom',
          path: ['energy', 'heatPumpSource'],
          message: 'a heat-pump source is low-temperature water: carrier hot-water or cooling-water',
        });
      }
    }
  }
  const w = l.water;
  if (l.kind === 'water' && w && w.treatsOnSite !== undefined && l.direction !== 'need') {
    ctx.addIssue({ code: 'custom', path: ['water', 'treatsOnSite'], message: 'applies to needs only' });
  }
}

/** The listing fields without cross-field rules, for schemas that derive from it. */
export const ListingBaseSchema = z.strictObject(listingFields);

export const ListingInputSchema = ListingBaseSchema.superRefine(refineListing).meta({ id: 'ListingInput' });
export type ListingInput = z.input<typeof ListingInputSchema>;
export type ListingData = z.output<typeof ListingInputSchema>;

/**
 * A partial update: any field but kind may change (siteId only to another site of the same
 * company), and only the fields named change (no defaults are filled in; see domain/patch.ts);
 * the merged result is revalidated whole.
 */
export const ListingPatchSchema = z
  .strictObject(withoutDefaults(listingFields))
  .omit({ kind: true })
  .partial()
  .meta({ id: 'ListingPatch' });
export type ListingPatch = z.input<typeof ListingPatchSchema>;

export const ListingSchema = z
  .object({
    id: z.string(),
    companyId: z.string(),
    ref: z.string().optional(),
    siteId: z.string(),
    direction: z.enum(DIRECTIONS),
    kind: z.enum(LISTING_KINDS),
    title: z.string(),
    description: z.string().optional(),
    quantity: QuantitySchema,
    canonicalQuantity: z.object({ value: z.number(), unit: z.string() }),
    availableFrom: z.string().optional(),
    availableTo: z.string().optional(),
    continuity: z.enum(CONTINUITIES),
    maxDistanceKm: z.number().optional(),
    confidentiality: z.enum(CONFIDENTIALITIES),
    currentCost: CurrentCostSchema.optional(),
    material: MaterialDetailsSchema.extend({ hazardous: z.boolean() }).optional(),
    energy: EnergyDetailsSchema.optional(),
    water: WaterDetailsSchema.optional(),
    land: LandDetailsSchema.optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z
      .number()
      .int()
      .optional()
      .meta({ description: 'increases with every change; send it back in If-Match' }),
  })
  .meta({ id: 'Listing' });
export type Listing = z.infer<typeof ListingSchema>;
