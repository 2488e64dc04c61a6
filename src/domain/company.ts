import { z } from 'zod';
import { text } from './fields.ts';
import { isValidOrgNumber, normaliseOrgNumber } from './org-number.ts';
import { withoutDefaults } from './patch.ts';

/** SN2007 / NACE Rev. 2 code: a division ("24"), optionally refined ("24.4", "24.42", "24.420"). */
export const IndustryCodeSchema = z
  .string()
  .regex(
    /^\d{2}(\.\d{1,3})?$/,
    'must be an SN2007/NACE code such as 24.420 (division 2 digits, then up to 3 more)',
  )
  .meta({
    description:
      'SN2007/NACE industry code, e.g. 24.420 (aluminium production); division, group and class are checked against NACE Rev. 2, a 5th digit (SN2007 subclass) is accepted when its class exists',
    example: '24.420',
  });

export const ContactSchema = z
  .strictObject({
    name: text(200).optional(),
    email: z.email().max(320).optional(),
    phone: z
      .string()
      .regex(/^\+?[\d ()-]{5,20}$/, 'must be a phone number')
      .optional(),
  })
  .meta({ id: 'Contact' });

const RefSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\w.:@/-]+$/, 'may hold letters, digits and _ . : @ / - only');

/** The company fields without cross-field rules, for schemas that derive from it. */
export const CompanyFieldsSchema = z.strictObject({
  ref: RefSchema.optional().meta({
    description: 'Natural key from an external system; re-imports match on it',
  }),
  name: text(200),
  orgNumber: z
    .string()
    .transform(normaliseOrgNumber)
    .refine(
      isValidOrgNumber,
      'must be a Norwegian organisation number: 9 digits with a valid mod-11 check digit',
    )
    .optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 country code')
    .default('NO'),
  industry: IndustryCodeSchema,
  contact: ContactSchema.optional(),
});

export function refineCompany(
  c: { country: string; orgNumber?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (c.country === 'NO' && c.orgNumber === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['orgNumber'],
      message: 'is required for a Norwegian company (country NO); it is optional for foreign companies',
    });
  }
}

export const CompanyInputSchema = CompanyFieldsSchema.superRefine(refineCompany).meta({ id: 'CompanyInput' });

/** A partial update: only the fields named change (country gets no default); revalidated whole. */
export const CompanyPatchSchema = z
  .strictObject(withoutDefaults(CompanyFieldsSchema.shape))
  .partial()
  .meta({ id: 'CompanyPatch' });
export type CompanyPatch = z.output<typeof CompanyPatchSchema>;
export type CompanyInput = z.input<typeof CompanyInputSchema>;
export type CompanyData = z.output<typeof CompanyInputSchema>;

export const CompanySchema = z
  .object({
    id: z.string(),
    ref: z.string().optional(),
    name: z.string(),
    orgNumber: z.string().optional(),
    country: z.string(),
    industry: z.string(),
    industryDivision: z.string(),
    contact: ContactSchema.optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int().meta({ description: 'increases with every change; send it back in If-Match' }),
  })
  .meta({ id: 'Company' });
export type Company = z.infer<typeof CompanySchema>;

export { RefSchema };
