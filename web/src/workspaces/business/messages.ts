/**
 * The business workspace's texts in English and Norwegian bokmål (keys start with `business.`); joined
 * with the others in i18n/messages.ts. English defines the keys, so a missing bokmål text is a
 * type error.
 */
export const en = {} as const satisfies Record<string, string>;

export const nb: Record<keyof typeof en, string> = {};
