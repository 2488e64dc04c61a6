/**
 * localStorage that may be missing or refuse writes (a private window, storage turned off): the
 * app then works for the visit and forgets afterwards.
 */
export function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Not remembered; nothing else depends on it.
  }
}
