/**
 * The CSV form of the interchange format: a companies file (one row per site, company columns
 * repeated) and a listings file. Cells map onto the JSON rows so both forms share one validator;
 * lists inside a cell are separated by ';'. Errors name the CSV line and column.
 */

import type { Caller } from '../domain/caller.ts';
import { validationError } from '../errors.ts';
import { CsvSyntaxError, type CsvTable, parseCsvTable } from '../util/csv.ts';
import type { Deps } from './deps.ts';
import { type ImportOptions, type ImportSection, type ImportSummary, importDocument } from './import.ts';

type Cells = Record<string, string>;

/** JSON path of a listing field -> CSV column, for error messages and for the mapping below. */
const LISTING_COLUMNS: Record<string, string> = {
  ref: 'ref',
  site: 'site',
  direction: 'direction',
  kind: 'kind',
  title: 'title',
  description: 'description',
  'quantity.value': 'quantity_value',
  'quantity.unit': 'quantity_unit',
  'quantity.period': 'quantity_period',
  'quantity.operatingHours': 'operating_hours',
  availableFrom: 'available_from',
  availableTo: 'available_to',
  continuity: 'continuity',
  maxDistanceKm: 'max_distance_km',
  confidentiality: 'confidentiality',
  'currentCost.nokPerUnit': 'current_cost_nok_per_unit',
  'material.wasteCodes': 'material_waste_codes',
  'material.category': 'material_category',
  'material.form': 'material_form',
  'material.purityPct': 'material_purity_pct',
  'material.moisturePct': 'material_moisture_pct',
  'material.contaminants': 'material_contaminants',
  'material.acceptsHazardous': 'material_accepts_hazardous',
  'material.formRequired': 'material_form_required',
  'material.animalByProductCategory': 'material_animal_by_product_category',
  'material.wasteStatus': 'material_waste_status',
  'material.acceptsWaste': 'material_accepts_waste',
  'energy.carrier': 'energy_carrier',
  'energy.supplyTemperatureC': 'energy_supply_temperature_c',
  'energy.returnTemperatureC': 'energy_return_temperature_c',
  'energy.powerKw': 'energy_power_kw',
  'energy.monthlyProfile': 'energy_monthly_profile',
  'energy.hourlyProfile': 'energy_hourly_profile',
  'water.type': 'water_type',
  'water.quality': 'water_quality',
  'water.temperatureC': 'water_temperature_c',
  'land.landUse': 'land_use',
  'land.zoning': 'land_zoning',
  'land.facilities': 'land_facilities',
};

const COMPANY_COLUMNS: Record<string, string> = {
  ref: 'company_ref',
  name: 'name',
  orgNumber: 'org_number',
  country: 'country',
  industry: 'industry',
  'contact.name': 'contact_name',
  'contact.email': 'contact_email',
  'contact.phone': 'contact_phone',
};

const SITE_COLUMNS: Record<string, string> = {
  ref: 'site_ref',
  name: 'site_name',
  lat: 'lat',
  lon: 'lon',
  address: 'address',
  municipality: 'municipality',
};

const NUMBER_FIELDS = new Set([
  'quantity.value',
  'quantity.operatingHours',
  'maxDistanceKm',
  'currentCost.nokPerUnit',
  'material.purityPct',
  'material.moisturePct',
  'material.animalByProductCategory',
  'energy.supplyTemperatureC',
  'energy.returnTemperatureC',
  'energy.powerKw',
  'water.temperatureC',
  'lat',
  'lon',
]);
const LIST_FIELDS = new Set(['material.wasteCodes', 'material.contaminants', 'land.facilities']);
const NUMBER_LIST_FIELDS = new Set(['energy.monthlyProfile']);
const BOOLEAN_FIELDS = new Set([
  'material.acceptsHazardous',
  'material.formRequired',
  'material.acceptsWaste',
]);

/** A number cell stays a string when it is not a number, so validation names it. */
function convert(path: string, cell: string): unknown {
  const v = cell.trim();
  if (NUMBER_FIELDS.has(path)) return v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  if (LIST_FIELDS.has(path))
    return v
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
  if (NUMBER_LIST_FIELDS.has(path)) {
    return v
      .split(';')
      .map((s) => (Number.isFinite(Number(s.trim())) && s.trim() !== '' ? Number(s.trim()) : s.trim()));
  }
  if (BOOLEAN_FIELDS.has(path))
    return v.toLowerCase() === 'true' ? true : v.toLowerCase() === 'false' ? false : v;
  return v;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

function mapRow(cells: Cells, columns: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, column] of Object.entries(columns)) {
    const cell = cells[column];
    if (cell === undefined || cell.trim() === '') continue;
    setPath(out, path, convert(path, cell));
  }
  return out;
}

function unknownColumns(header: string[], known: string[]): string[] {
  const allowed = new Set(known);
  return header.filter((h) => !allowed.has(h));
}

type CsvFile = 'companies' | 'listings';

export interface CsvDocument {
  document: { companies: Record<string, unknown>[]; listings: Record<string, unknown>[] };
  options: Pick<ImportOptions, 'rowNumber' | 'fieldName'>;
  /**
   * Problems with the files themselves, reported before any row: a file that cannot be read as
   * CSV (with its line, and the column when known), or a column the format does not know.
   */
  fileErrors: { file: CsvFile; line?: number; column?: string; message: string }[];
}

/** Reads one file; a file that is not valid CSV becomes a file error and no rows. */
function readTable(file: CsvFile, text: string, fileErrors: CsvDocument['fileErrors']): CsvTable {
  try {
    return parseCsvTable(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    fileErrors.push({
      file,
      line: err.line,
      ...(err.column ? { column: err.column } : {}),
      message: err.reason,
    });
    return { header: [], records: [] };
  }
}

export function csvToDocument(companiesCsv: string, listingsCsv: string): CsvDocument {
  const fileErrors: CsvDocument['fileErrors'] = [];
  const { header: companyHeader, records: companyRecords } = readTable('companies', companiesCsv, fileErrors);
  const { header: listingHeader, records: listingRecords } = readTable('listings', listingsCsv, fileErrors);
  for (const column of unknownColumns(companyHeader, [
    ...Object.values(COMPANY_COLUMNS),
    ...Object.values(SITE_COLUMNS),
  ])) {
    fileErrors.push({ file: 'companies', column, message: 'is not a known column' });
  }
  for (const column of unknownColumns(listingHeader, Object.values(LISTING_COLUMNS))) {
    fileErrors.push({ file: 'listings', column, message: 'is not a known column' });
  }

  // Company rows are grouped by company_ref; each group's first line stands for the company.
  const companies: Record<string, unknown>[] = [];
  const companyLines: number[] = [];
  const siteLines: number[][] = [];
  const byRef = new Map<string, number>();
  for (const { line, record } of companyRecords) {
    const ref = record['company_ref']?.trim() ?? '';
    let index = ref ? byRef.get(ref) : undefined;
    if (index === undefined) {
      index = companies.length;
      if (ref) byRef.set(ref, index);
      companies.push({ ...mapRow(record, COMPANY_COLUMNS), sites: [] });
      companyLines.push(line);
      siteLines.push([]);
    }
    const site = mapRow(record, SITE_COLUMNS);
    if (Object.keys(site).length > 0) {
      (companies[index]!['sites'] as unknown[]).push(site);
      siteLines[index]!.push(line);
    }
  }
  const listings = listingRecords.map(({ record }) => mapRow(record, LISTING_COLUMNS));
  const listingLines = listingRecords.map(({ line }) => line);

  const columnFor = (section: ImportSection, index: number, path: string): string => {
    const plain = path.replace(/\[\d+\]$/, '');
    if (section === 'listings') {
      const column = LISTING_COLUMNS[plain];
      const item = /\[(\d+)\]$/.exec(path);
      return column ? `${column}${item ? ` (item ${Number(item[1]) + 1})` : ''}` : path || '(row)';
    }
    const site = /^sites\[(\d+)\]\.?(.*)$/.exec(path);
    if (site) {
      const line = siteLines[index]?.[Number(site[1])];
      return `${SITE_COLUMNS[site[2] ?? ''] ?? (site[2] || 'site')} (line ${line})`;
    }
    return COMPANY_COLUMNS[plain] ?? (path || '(row)');
  };

  return {
    document: { companies, listings },
    fileErrors,
    options: {
      rowNumber: (section, index) => (section === 'companies' ? companyLines[index]! : listingLines[index]!),
      fieldName: columnFor,
    },
  };
}

/** Where a file error is: `listings (line 4, column title)`, `companies.shoe_size` for a header. */
function fileErrorPath(e: CsvDocument['fileErrors'][number]): string {
  if (e.line === undefined) return `${e.file}.${e.column}`;
  return `${e.file} (line ${e.line}${e.column ? `, column ${e.column}` : ''})`;
}

/**
 * Imports the two CSV files; a file that is not valid CSV or has unknown columns rejects the whole
 * import before any row is read.
 */
export async function importCsvFiles(
  deps: Deps,
  caller: Caller,
  files: { companies: string; listings: string },
  opts: Omit<ImportOptions, 'rowNumber' | 'fieldName'> = {},
): Promise<ImportSummary> {
  const { document, options, fileErrors } = csvToDocument(files.companies, files.listings);
  if (fileErrors.length) {
    throw validationError(
      'the CSV files cannot be imported as they are',
      fileErrors.map((e) => ({ path: fileErrorPath(e), message: e.message })),
    );
  }
  return importDocument(deps, caller, document, { ...opts, ...options });
}
