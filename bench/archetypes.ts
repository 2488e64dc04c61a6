/**
 * Company archetypes for the synthetic regions: what a typical Norwegian plant of each kind offers
 * and needs. Waste codes are European List of Waste entries typical of the sector (Commission
 * Decision 2000/532/EC; an asterisk in the list marks the hazardous ones kept here on purpose),
 * temperatures follow the excess-heat bands of the Hotmaps industrial database
 * (data/reference/excess-heat) and the usual Norwegian district-heating supply of 70-100 °C.
 */
import type { EnergyCarrier, WaterType } from '../src/domain/listing-kinds.ts';

export type MonthlyShape = 'flat' | 'heating' | 'summer-dip' | 'growing-season';

export interface EnergySpec {
  carrier: EnergyCarrier;
  /** Supply temperature range, °C; absent for electricity and gas. */
  supplyC?: [number, number];
  /** Supply minus return, K. */
  deltaK?: [number, number];
  shape: MonthlyShape;
}

export interface Archetype {
  id: string;
  /** SN2007 code of a typical company. */
  industry: string;
  /** Relative share of companies nationally. */
  weight: number;
  /** Offered 6-digit codes with weights. */
  offersCodes: [string, number][];
  /** Codes or prefixes the archetype takes in. */
  needsCodes: string[];
  /** Material categories (data/taxonomy) it takes in by use rather than by code. */
  needsCategories?: string[];
  energyOffers: EnergySpec[];
  energyNeeds: EnergySpec[];
  waterOffers: WaterType[];
  waterNeeds: WaterType[];
  /** Hotmaps hourly profile that fits the archetype's heat, when one does. */
  hourlyProfile?: string;
}

const hot = (lo: number, hi: number, shape: MonthlyShape = 'summer-dip'): EnergySpec => ({
  carrier: 'hot-water',
  supplyC: [lo, hi],
  deltaK: [15, 35],
  shape,
});
const steam = (lo: number, hi: number, shape: MonthlyShape = 'summer-dip'): EnergySpec => ({
  carrier: 'steam',
  supplyC: [lo, hi],
  deltaK: [30, 80],
  shape,
});
const flueGas = (lo: number, hi: number): EnergySpec => ({
  carrier: 'flue-gas',
  supplyC: [lo, hi],
  deltaK: [60, 150],
  shape: 'flat',
});
const cooling = (lo: number, hi: number): EnergySpec => ({
  carrier: 'cooling-water',
  supplyC: [lo, hi],
  deltaK: [5, 12],
  shape: 'flat',
});
const districtHeat: EnergySpec = {
  carrier: 'hot-water',
  supplyC: [75, 100],
  deltaK: [30, 50],
  shape: 'heating',
};
const electricity: EnergySpec = { carrier: 'electricity', shape: 'flat' };
const gas: EnergySpec = { carrier: 'gas', shape: 'flat' };
const cold: EnergySpec = { carrier: 'cold', supplyC: [-30, 6], deltaK: [3, 8], shape: 'flat' };

export const ARCHETYPES: readonly Archetype[] = [
  {
    id: 'pulp-paper',
    industry: '17.120',
    weight: 3,
    offersCodes: [
      ['030305', 3],
      ['030310', 3],
      ['030311', 4],
      ['030101', 3],
      ['100101', 2],
      ['030307', 2],
    ],
    needsCodes: ['0301', '150101', '200101', '191201'],
    needsCategories: ['paper-and-cardboard', 'solid-biofuel'],
    energyOffers: [hot(35, 60, 'flat'), steam(110, 160, 'flat')],
    energyNeeds: [steam(150, 200, 'flat'), electricity],
    waterOffers: ['treated-wastewater', 'cooling'],
    waterNeeds: ['process', 'surface'],
    hourlyProfile: 'hotmaps-no:paper',
  },
  {
    id: 'sawmill',
    industry: '16.100',
    weight: 3,
    offersCodes: [
      ['030101', 4],
      ['030105', 5],
      ['150103', 1],
    ],
    needsCodes: ['030105'],
    energyOffers: [hot(30, 45, 'flat')],
    energyNeeds: [hot(70, 95, 'flat'), electricity],
    waterOffers: ['rainwater'],
    waterNeeds: ['process'],
  },
  {
    id: 'aluminium',
    industry: '24.420',
    weight: 1,
    offersCodes: [
      ['100302', 2],
      ['100316', 3],
      ['100308', 1],
      ['161102', 2],
      ['100305', 1],
      ['170402', 1],
    ],
    needsCodes: ['170402', '1912', '120103', '191203'],
    needsCategories: ['non-ferrous-scrap'],
    energyOffers: [flueGas(120, 220), hot(60, 90, 'flat'), cooling(25, 45)],
    energyNeeds: [electricity, gas],
    waterOffers: ['cooling', 'seawater'],
    waterNeeds: ['seawater', 'process'],
    hourlyProfile: 'hotmaps-no:non_metalic_minerals',
  },
  {
    id: 'ferroalloy',
    industry: '24.100',
    weight: 1,
    offersCodes: [
      ['100202', 4],
      ['100201', 2],
      ['100210', 2],
      ['100207', 1],
      ['100208', 2],
    ],
    needsCodes: ['170405', '191202', '120101', '1002'],
    needsCategories: ['ferrous-scrap'],
    energyOffers: [flueGas(250, 500), steam(180, 260, 'flat'), cooling(25, 40)],
    energyNeeds: [electricity, gas],
    waterOffers: ['cooling'],
    waterNeeds: ['process', 'seawater'],
    hourlyProfile: 'hotmaps-no:iron_and_steel',
  },
  {
    id: 'metal',
    industry: '25.620',
    weight: 5,
    offersCodes: [
      ['120101', 4],
      ['120102', 2],
      ['120103', 3],
      ['150104', 2],
      ['100908', 2],
      ['120109', 1],
    ],
    needsCodes: ['170405', '1201'],
    energyOffers: [hot(35, 60, 'summer-dip'), cooling(20, 35)],
    energyNeeds: [hot(60, 80, 'heating'), electricity],
    waterOffers: ['cooling'],
    waterNeeds: ['process'],
  },
  {
    id: 'chemicals',
    industry: '20.150',
    weight: 2,
    offersCodes: [
      ['061101', 2],
      ['070213', 2],
      ['060314', 1],
      ['070101', 1],
      ['100105', 2],
      ['061302', 1],
    ],
    needsCodes: ['0601', '100105', '191210', '070213'],
    needsCategories: ['chemical-by-products', 'lime-and-calcium-residues'],
    energyOffers: [steam(120, 250), hot(60, 110, 'flat'), flueGas(150, 300), cold],
    energyNeeds: [steam(150, 220, 'flat'), electricity, gas],
    waterOffers: ['cooling', 'treated-wastewater'],
    waterNeeds: ['process', 'potable'],
    hourlyProfile: 'hotmaps-no:chemicals_and_petrochemicals',
  },
  {
    id: 'food',
    industry: '10.200',
    weight: 6,
    offersCodes: [
      ['020202', 4],
      ['020203', 3],
      ['020201', 2],
      ['020304', 3],
      ['020501', 1],
      ['020701', 1],
    ],
    needsCodes: ['150102', '150101', '190606'],
    energyOffers: [hot(30, 55, 'flat'), cooling(20, 35)],
    energyNeeds: [hot(60, 90, 'flat'), steam(120, 160, 'flat'), cold, electricity],
    waterOffers: ['grey', 'treated-wastewater'],
    waterNeeds: ['potable', 'process'],
    hourlyProfile: 'hotmaps-no:food_and_tobacco',
  },
  {
    id: 'aquaculture',
    industry: '03.220',
    weight: 3,
    offersCodes: [
      ['020199', 3],
      ['020202', 2],
      ['020106', 1],
    ],
    needsCodes: ['0203', '020304'],
    needsCategories: ['animal-feed-input'],
    energyOffers: [],
    energyNeeds: [hot(15, 28, 'heating'), electricity],
    waterOffers: ['seawater', 'treated-wastewater'],
    waterNeeds: ['seawater', 'surface', 'cooling'],
  },
  {
    id: 'greenhouse',
    industry: '01.130',
    weight: 2,
    offersCodes: [
      ['020103', 3],
      ['020104', 1],
    ],
    needsCodes: ['190606', '190503', '0201', '020106'],
    needsCategories: ['fertiliser-input'],
    energyOffers: [],
    energyNeeds: [hot(40, 60, 'growing-season'), gas, electricity],
    waterOffers: ['rainwater'],
    waterNeeds: ['rainwater', 'treated-wastewater', 'process'],
  },
  {
    id: 'agriculture',
    industry: '01.460',
    weight: 4,
    offersCodes: [
      ['020106', 5],
      ['020103', 2],
      ['020104', 1],
    ],
    needsCodes: ['190606', '190805', '190503', '100105'],
    needsCategories: ['fertiliser-input', 'animal-feed-input'],
    energyOffers: [gas],
    energyNeeds: [hot(50, 70, 'heating'), electricity],
    waterOffers: [],
    waterNeeds: ['surface', 'treated-wastewater'],
  },
  {
    id: 'construction',
    industry: '42.110',
    weight: 8,
    offersCodes: [
      ['170101', 4],
      ['170107', 3],
      ['170504', 5],
      ['170201', 2],
      ['170405', 2],
      ['170302', 2],
      ['170102', 1],
    ],
    needsCodes: ['170504', '1701', '010408', '010409', '100202', '191209'],
    needsCategories: ['aggregate', 'fill-material'],
    energyOffers: [],
    energyNeeds: [electricity],
    waterOffers: ['rainwater'],
    waterNeeds: ['grey', 'treated-wastewater'],
  },
  {
    id: 'mining',
    industry: '08.120',
    weight: 2,
    offersCodes: [
      ['010408', 4],
      ['010409', 3],
      ['010413', 2],
      ['010102', 1],
    ],
    needsCodes: ['1701', '170504', '100105'],
    energyOffers: [],
    energyNeeds: [electricity],
    waterOffers: ['process', 'surface'],
    waterNeeds: ['process'],
  },
  {
    id: 'cement',
    industry: '23.510',
    weight: 1,
    offersCodes: [
      ['101306', 2],
      ['101304', 1],
      ['101311', 2],
    ],
    needsCodes: ['100105', '100102', '100202', '191210', '1912', '100117'],
    needsCategories: ['cement-raw-material', 'secondary-fuel', 'gypsum-raw-material'],
    energyOffers: [flueGas(200, 400), hot(70, 110, 'flat')],
    energyNeeds: [electricity],
    waterOffers: ['cooling'],
    waterNeeds: ['process'],
    hourlyProfile: 'hotmaps-no:non_metalic_minerals',
  },
  {
    id: 'waste',
    industry: '38.210',
    weight: 4,
    offersCodes: [
      ['190805', 4],
      ['190606', 4],
      ['190112', 3],
      ['191204', 2],
      ['191207', 2],
      ['191212', 3],
      ['190503', 2],
      ['191210', 2],
    ],
    needsCodes: ['2001', '2002', '1501', '0202', '0203', '0201', '1912', '170201'],
    needsCategories: ['biogas-feedstock'],
    energyOffers: [hot(90, 120, 'flat'), steam(150, 220, 'flat'), gas],
    energyNeeds: [electricity],
    waterOffers: ['treated-wastewater'],
    waterNeeds: ['process'],
  },
  {
    id: 'district-heating',
    industry: '35.300',
    weight: 2,
    offersCodes: [
      ['100101', 3],
      ['190112', 1],
    ],
    needsCodes: ['030101', '030105', '191207', '191210', '0301'],
    needsCategories: ['solid-biofuel', 'secondary-fuel'],
    energyOffers: [districtHeat],
    energyNeeds: [districtHeat, districtHeat],
    waterOffers: [],
    waterNeeds: ['process'],
  },
  {
    id: 'data-centre',
    industry: '63.110',
    weight: 1,
    offersCodes: [
      ['160214', 2],
      ['200136', 1],
    ],
    needsCodes: [],
    energyOffers: [hot(25, 40, 'flat'), cooling(25, 35)],
    energyNeeds: [electricity, cold],
    waterOffers: ['cooling'],
    waterNeeds: ['potable', 'seawater'],
  },
  {
    id: 'plastics',
    industry: '22.220',
    weight: 3,
    offersCodes: [
      ['070213', 3],
      ['120105', 3],
      ['150102', 2],
    ],
    needsCodes: ['191204', '150102', '0702', '200139'],
    needsCategories: ['plastics'],
    energyOffers: [hot(30, 50, 'flat'), cooling(20, 30)],
    energyNeeds: [hot(60, 80, 'heating'), electricity],
    waterOffers: ['cooling'],
    waterNeeds: ['process'],
  },
];
