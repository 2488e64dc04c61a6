/**
 * `npm run cli -- users ...`: the operator's way to manage who may use the service.
 *   users add --role <role> [--company <ref|id>]... [--region <code|all>]... --name <name> [--expires-in-days N]
 *   users list
 *   users revoke <userId>            every token of the user, and the user
 *   users revoke --token <tokenId>   one token
 *   users token <userId>             a new token for an existing user
 * A token is printed once, on standard output, and stored only as a hash.
 */
import { parseArgs } from 'node:util';
import { ROLES, SYSTEM } from '../domain/caller.ts';
import type { Runtime } from '../runtime.ts';
import { findCompanyIdsByRefOrId } from '../services/companies.ts';
import { createUser, issueToken, listUsers, revoke } from '../services/users.ts';

export const USERS_USAGE = `usage: users add --role ${ROLES.join('|')} --name <name> [--company <ref|id>]... [--region <code|all>]... [--expires-in-days N]
       users list
       users revoke <userId> | --token <tokenId>
       users token <userId> [--expires-in-days N]`;

export async function runUsers(runtime: Runtime, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      company: { type: 'string', multiple: true },
      region: { type: 'string', multiple: true },
      token: { type: 'string' },
      'expires-in-days': { type: 'string' },
    },
  });
  const days = values['expires-in-days'] === undefined ? undefined : Number(values['expires-in-days']);
  const deps = runtime.deps;
  switch (sub) {
    case 'add': {
      const companyIds: string[] = [];
      for (const given of values.company ?? []) {
        const ids = await findCompanyIdsByRefOrId(deps, given);
        if (ids.length !== 1) {
          console.error(
            ids.length === 0
              ? `no company with ref or id '${given}'`
              : `several companies have ref '${given}': give the id (${ids.join(', ')})`,
          );
          return 2;
        }
        companyIds.push(ids[0]!);
      }
      const made = await createUser(deps, SYSTEM, {
        name: values.name ?? '',
        role: (values.role ?? '') as (typeof ROLES)[number],
        companyIds,
        regions: values.region ?? [],
        ...(days !== undefined ? { expiresInDays: days } : {}),
      });
      console.error(
        `user ${made.user.id} (${made.user.role}) created; its token, shown only now, expires ${made.expiresAt}:`,
      );
      console.log(made.token);
      return 0;
    }
    case 'list': {
      for (const { user, tokens } of await listUsers(deps, SYSTEM)) {
        const active = tokens.filter((t) => !t.revokedAt && t.expiresAt > new Date().toISOString());
        const scope = user.role === 'business' ? ` companies=${user.companyIds.join(',') || '-'}` : '';
        const regions = user.role === 'facilitator' ? ` regions=${user.regions.join(',')}` : '';
        console.log(
          `${user.id}  ${user.role.padEnd(11)} ${user.name}${scope}${regions}  tokens: ${active.length} active of ${tokens.length}` +
            `${user.disabledAt ? `  DISABLED ${user.disabledAt}` : ''}`,
        );
        for (const t of tokens)
          console.log(
            `    ${t.id}  expires ${t.expiresAt}  last used ${t.lastUsedAt ?? 'never'}` +
              `${t.revokedAt ? `  revoked ${t.revokedAt}${t.revokedBy ? ` by ${t.revokedBy}` : ''}` : ''}`,
          );
      }
      return 0;
    }
    case 'revoke': {
      const target = values.token
        ? { tokenId: values.token }
        : positionals[0]
          ? { userId: positionals[0] }
          : null;
      if (!target) {
        console.error(USERS_USAGE);
        return 2;
      }
      const done = await revoke(deps, SYSTEM, target);
      console.log(`revoked ${done.tokenIds.length} token(s) of ${done.userId}`);
      return 0;
    }
    case 'token': {
      if (!positionals[0]) {
        console.error(USERS_USAGE);
        return 2;
      }
      const made = await issueToken(deps, SYSTEM, positionals[0], days);
      console.error(
        `token ${made.tokenId} for ${positionals[0]}, shown only now, expires ${made.expiresAt}:`,
      );
      console.log(made.token);
      return 0;
    }
    default:
      console.error(USERS_USAGE);
      return 2;
  }
}
