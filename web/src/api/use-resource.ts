/**
 * One read from the API as component state: loading, ready or failed, with a way to load again.
 * A read still running when its inputs change or the component goes away is aborted.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';

export type Resource<T> =
  | { state: 'loading' }
  | { state: 'ready'; data: T }
  | { state: 'failed'; error: unknown };

export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  inputs: readonly unknown[],
): [Resource<T>, () => void] {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // The caller names what the read depends on (`inputs`), as with useEffect itself.
  useEffect(() => {
    const controller = new AbortController();
    setResource({ state: 'loading' });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResource({ state: 'ready', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setResource({ state: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [...inputs, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return [resource, retry];
}
