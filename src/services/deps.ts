import type { ReferenceData } from '../domain/reference.ts';
import type { RegionIndex } from '../domain/regions.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/driver.ts';
import type { CounterpartIndex } from './counterpart-index.ts';
import type { ReadCache } from './read-cache.ts';

/** What every use-case may use; built once in main.ts (or a test) and passed down. */
export interface Deps {
  store: Store;
  reference: ReferenceData;
  /** Norway's counties and municipalities, for sites' region codes and facilitators' regions. */
  regions: RegionIndex;
  logger: Logger;
  now: () => Date;
  /**
   * Which factor set and matching configuration new computations use, and how many staging writes
   * a match run keeps in flight (match-run.ts STAGING_WRITES_IN_FLIGHT when not given).
   */
  settings: { factorSet: string; matchConfig: string; stagingWrites?: number };
  /** Answers that repeated reads share (read-cache.ts); every store write invalidates them. */
  reads: ReadCache;
  /**
   * The engine's index of every listing, kept between registrations (counterpart-index.ts); without
   * it a registration reads its counterparts from Neo4j.
   */
  counterparts?: CounterpartIndex;
}
