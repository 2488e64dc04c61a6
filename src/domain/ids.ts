import { randomUUID } from 'node:crypto';

export type IdPrefix = 'co' | 'si' | 'li' | 'run' | 'sg' | 'usr' | 'tok';

/**
 * A fresh, random id (122 random bits). Ids never derive from refs: a ref is its owner's natural
 * key, and an id that could be computed from one would confirm to anyone that the ref exists.
 */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomUUID().replace(/-/g, '')}`;
}
