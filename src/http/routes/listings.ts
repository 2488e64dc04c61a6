import { Router } from 'express';
import { ListingQuerySchema } from '../../domain/listing-query.ts';
import { parseOrThrow } from '../../domain/validate.ts';
import type { Deps } from '../../services/deps.ts';
import {
  createListing,
  deleteListing,
  getListing,
  listListings,
  updateListing,
} from '../../services/listings.ts';
import { viewerOf } from '../viewer.ts';

export function listingRoutes(deps: Deps): Router {
  const r = Router();
  r.post('/listings', async (req, res) => {
    res.status(201).json(await createListing(deps, req.body));
  });
  r.get('/listings', async (req, res) => {
    const q = parseOrThrow(ListingQuerySchema, req.query, 'query');
    res.json(await listListings(deps, q, viewerOf(req)));
  });
  r.get('/listings/:id', async (req, res) => {
    res.json(await getListing(deps, req.params.id, viewerOf(req)));
  });
  r.patch('/listings/:id', async (req, res) => {
    res.json(await updateListing(deps, req.params.id, req.body));
  });
  r.delete('/listings/:id', async (req, res) => {
    await deleteListing(deps, req.params.id);
    res.status(204).end();
  });
  return r;
}
