/** Recorded on every match run so a suggestion can be traced to the code that made it. */
export const ENGINE_VERSION = '2.2.0';
