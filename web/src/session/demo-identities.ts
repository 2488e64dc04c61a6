/** The demo users a demo instance offers for one-click sign-in (GET /demo/identities); none elsewhere. */
import createClient from 'openapi-fetch';
import type { components, paths } from '../api/schema.d.ts';

export type DemoIdentity = components['schemas']['DemoIdentities']['identities'][number];

/** Asked without a token; any failure (404 on an instance that is no demo, no answer) means none. */
export async function demoIdentities(): Promise<DemoIdentity[]> {
  try {
    const client = createClient<paths>({ baseUrl: window.location.origin });
    const { data } = await client.GET('/demo/identities');
    return data?.identities ?? [];
  } catch {
    return [];
  }
}
