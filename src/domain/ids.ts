import { createHash, randomUUID } from 'node:crypto';

export type IdPrefix = 'co' | 'si' | 'li' | 'run' | 'sg' | 'usr' | 'tok';

/** A fresh id for something created through the API. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomUUID().replace(/-/g, '')}`;
}

/** The id of something imported under a natural key: the same ref always gives the same id. */
export function idFromRef(prefix: IdPrefix, ref: string): string {
  return `${prefix}_${createHash('sha256').update(`${prefix}:${ref}`).digest('hex').slice(0, 32)}`;
}
