/** Whether the service accepts a token, and whom it names: GET /me with it. */
import { ApiError, createApi, dataOf, type Me } from '../api/client.ts';

export type TokenCheck = { kind: 'accepted'; me: Me } | { kind: 'rejected' } | { kind: 'unreachable' };

/** What a header may carry: a token with anything else was never issued. */
const TOKEN_SHAPE = /^[\x21-\x7e]{1,500}$/;

export async function checkToken(token: string): Promise<TokenCheck> {
  if (!TOKEN_SHAPE.test(token)) return { kind: 'rejected' };
  try {
    return { kind: 'accepted', me: dataOf(await createApi(token).GET('/me')) };
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return { kind: 'rejected' };
    return { kind: 'unreachable' };
  }
}
