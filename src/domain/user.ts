import { z } from 'zod';
import { ROLES } from './caller.ts';
import { text } from './fields.ts';

/** County (2 digits) or municipality (4 digits) number, or `all` for a national facilitator. */
export const RegionCodeSchema = z
  .string()
  .regex(/^(\d{2}|\d{4}|all)$/, 'must be a county (2 digits) or municipality (4 digits) number, or all');

export const UserInputSchema = z
  .strictObject({
    name: text(200),
    role: z.enum(ROLES),
    /** Company ids a business user acts for. */
    companyIds: z.array(z.string().min(1).max(100)).max(100).default([]),
    regions: z.array(RegionCodeSchema).max(400).default([]),
    expiresInDays: z.number().int().min(1).max(3650).default(90),
  })
  .superRefine((u, ctx) => {
    if (u.role !== 'business' && u.companyIds.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['companyIds'],
        message: 'only business users act for companies',
      });
    }
    if (u.role === 'facilitator' && u.regions.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['regions'],
        message: 'a facilitator needs at least one region (a county or municipality number, or all)',
      });
    }
    if (u.role !== 'facilitator' && u.regions.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['regions'], message: 'only facilitators are bound to regions' });
    }
    if (u.regions.includes('all') && u.regions.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['regions'], message: "'all' stands alone" });
    }
  });
export type UserInput = z.input<typeof UserInputSchema>;

export const UserSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  companyIds: z.array(z.string()),
  regions: z.array(z.string()),
  createdAt: z.string(),
  /** Who made the account: a user id, or `system` for the operator's CLI and the main job. */
  createdBy: z.string().optional(),
  disabledAt: z.string().optional(),
  disabledBy: z.string().optional(),
});
export type User = z.infer<typeof UserSchema>;

export interface TokenInfo {
  id: string;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
  createdBy?: string;
  revokedBy?: string;
  /** When a request last came with it, to the hour. */
  lastUsedAt?: string;
}

/** A new token for an existing user. */
export const TokenRequestSchema = z.strictObject({
  expiresInDays: z.number().int().min(1).max(3650).default(90),
});

/** A token a user makes for itself: at most a year, so access an admin granted still lapses. */
export const OwnTokenRequestSchema = z.strictObject({
  expiresInDays: z.number().int().min(1).max(365).default(90),
});

/** At most this many tokens of one user may be valid at once (revoke one to make another). */
export const MAX_ACTIVE_TOKENS = 10;
