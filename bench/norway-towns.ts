/**
 * Norwegian industrial towns the synthetic regions cluster around: WGS84 town-centre coordinates
 * (rounded, from the towns' public map positions), a relative weight for how much industry each
 * hosts, and the archetypes (see archetypes.ts) its industry leans to.
 */
export interface Town {
  name: string;
  lat: number;
  lon: number;
  weight: number;
  /** Spread of sites around the centre, km (one standard deviation). */
  spreadKm: number;
  leans: string[];
}

const town = (
  name: string,
  lat: number,
  lon: number,
  weight: number,
  spreadKm: number,
  leans: string[],
): Town => ({
  name,
  lat,
  lon,
  weight,
  spreadKm,
  leans,
});

export const TOWNS: readonly Town[] = [
  town('Oslo', 59.913, 10.752, 10, 12, ['construction', 'waste', 'district-heating', 'data-centre']),
  town('Drammen', 59.744, 10.204, 4, 8, ['construction', 'metal', 'waste']),
  town('Moss', 59.434, 10.658, 2, 6, ['pulp-paper', 'food']),
  town('Sarpsborg', 59.284, 11.11, 4, 7, ['pulp-paper', 'chemicals', 'waste']),
  town('Fredrikstad', 59.218, 10.93, 3, 7, ['plastics', 'food', 'construction']),
  town('Halden', 59.124, 11.387, 2, 6, ['pulp-paper']),
  town('Skien', 59.209, 9.609, 3, 7, ['chemicals', 'pulp-paper']),
  town('Porsgrunn', 59.14, 9.656, 4, 6, ['chemicals', 'metal']),
  town('Kongsberg', 59.668, 9.65, 2, 6, ['metal', 'plastics']),
  town('Kristiansand', 58.146, 7.996, 4, 8, ['ferroalloy', 'food', 'waste']),
  town('Arendal', 58.461, 8.772, 2, 7, ['metal', 'construction']),
  town('Farsund', 58.095, 6.804, 1, 6, ['aluminium']),
  town('Stavanger', 58.97, 5.733, 6, 10, ['food', 'construction', 'greenhouse', 'data-centre']),
  town('Sandnes', 58.852, 5.735, 3, 8, ['agriculture', 'greenhouse', 'food']),
  town('Haugesund', 59.413, 5.268, 2, 7, ['food', 'aquaculture']),
  town('Karmøy', 59.31, 5.3, 2, 5, ['aluminium', 'aquaculture']),
  town('Husnes', 59.866, 5.766, 1, 4, ['aluminium']),
  town('Odda', 60.069, 6.546, 1, 4, ['metal', 'chemicals']),
  town('Bergen', 60.391, 5.322, 7, 10, ['food', 'construction', 'waste', 'aquaculture']),
  town('Mongstad', 60.808, 5.036, 1, 4, ['chemicals']),
  town('Høyanger', 61.217, 6.074, 1, 4, ['aluminium']),
  town('Årdal', 61.239, 7.7, 1, 4, ['aluminium']),
  town('Florø', 61.599, 5.033, 1, 5, ['aquaculture', 'food']),
  town('Ålesund', 62.472, 6.155, 3, 8, ['food', 'aquaculture', 'metal']),
  town('Molde', 62.737, 7.16, 1, 6, ['food', 'chemicals']),
  town('Sunndalsøra', 62.675, 8.562, 1, 4, ['aluminium']),
  town('Kristiansund', 63.11, 7.728, 1, 5, ['food', 'aquaculture']),
  town('Orkanger', 63.306, 9.85, 1, 5, ['ferroalloy', 'pulp-paper']),
  town('Trondheim', 63.431, 10.395, 6, 10, ['construction', 'waste', 'food', 'data-centre']),
  town('Verdal', 63.793, 11.482, 1, 6, ['metal', 'agriculture']),
  town('Skogn', 63.703, 11.195, 1, 5, ['pulp-paper', 'greenhouse']),
  town('Namsos', 64.467, 11.495, 1, 6, ['sawmill', 'aquaculture']),
  town('Mosjøen', 65.837, 13.19, 1, 5, ['aluminium']),
  town('Mo i Rana', 66.313, 14.142, 2, 6, ['ferroalloy', 'metal']),
  town('Bodø', 67.28, 14.405, 2, 7, ['food', 'construction']),
  town('Narvik', 68.438, 17.427, 1, 6, ['mining', 'construction']),
  town('Tromsø', 69.649, 18.956, 2, 7, ['food', 'aquaculture', 'construction']),
  town('Alta', 69.969, 23.272, 1, 6, ['mining', 'construction']),
  town('Hammerfest', 70.663, 23.682, 1, 4, ['chemicals', 'food']),
  town('Kirkenes', 69.727, 30.045, 1, 5, ['mining']),
  town('Hamar', 60.794, 11.068, 2, 8, ['agriculture', 'food', 'sawmill']),
  town('Gjøvik', 60.795, 10.692, 2, 7, ['metal', 'plastics']),
  town('Lillehammer', 61.115, 10.466, 1, 7, ['sawmill', 'food']),
  town('Elverum', 60.881, 11.562, 1, 7, ['sawmill', 'agriculture']),
  town('Kongsvinger', 60.19, 11.998, 1, 7, ['sawmill', 'agriculture']),
];

/** Norway's mainland extent; generated sites are kept inside it. */
export const NORWAY_EXTENT = { minLat: 57.9, maxLat: 71.2, minLon: 4.5, maxLon: 31.1 } as const;
