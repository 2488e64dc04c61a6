import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isPortFree } from '../../../src/util/port.ts';

describe('isPortFree', () => {
  it('when a server listens on the port, then it is not free; after it closes, it is', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    expect(await isPortFree(port, '127.0.0.1')).toBe(false);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await isPortFree(port, '127.0.0.1')).toBe(true);
  });

  it('when the port is 0 (any free port), then it is free', async () => {
    expect(await isPortFree(0, '127.0.0.1')).toBe(true);
  });
});
