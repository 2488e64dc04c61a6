/** The name of a downloaded file: the one the service gave in Content-Disposition, never a path. Pure. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '')?.[1];
  if (!name) return fallback;
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // Not percent-encoded after all: the name as given.
  }
  return decoded.replace(/[/\\]/g, '_');
}
