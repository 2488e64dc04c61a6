import { z } from 'zod';
import type { ListingAccess } from '../domain/access.ts';
import type { PeerMaterialListing } from '../domain/cold-start.ts';
import { DIRECTIONS } from '../domain/listing-kinds.ts';
import { rows, type Store } from './driver.ts';
import { parseRow } from './parse-row.ts';
import { query } from './queries.ts';

const PeerRowSchema = z.object({
  companyId: z.string(),
  direction: z.enum(DIRECTIONS),
  wasteCodes: z.array(z.string()),
  category: z.string().nullable(),
});

/** The material listings of the other companies of a division that `access` may see at all. */
export async function peerMaterialListings(
  store: Store,
  division: string,
  companyId: string,
  access: ListingAccess,
): Promise<PeerMaterialListing[]> {
  const result = await store.read((tx) =>
    tx.run(query('cold-start', 'peerMaterialListings'), { division, companyId, access }),
  );
  return rows(result).map((r) => parseRow(PeerRowSchema, r, 'peer listing'));
}
