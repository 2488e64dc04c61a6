/**
 * Named Cypher queries from cypher/*.cypher. A file holds several queries, each introduced by a
 * `// name: <queryName>` line; `query('listing', 'byId')` returns its text. Values always travel
 * as parameters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CYPHER_DIR } from '../reference/paths.ts';

const NAME_LINE = /^\/\/\s*name:\s*([A-Za-z][\w-]*)\s*$/;

export function parseNamedQueries(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let name: string | null = null;
  let body: string[] = [];
  const flush = () => {
    if (name !== null) {
      const q = body.join('\n').trim();
      if (out.has(name)) throw new Error(`query '${name}' is defined twice`);
      out.set(name, q);
    }
  };
  for (const line of text.split('\n')) {
    const m = NAME_LINE.exec(line);
    if (m) {
      flush();
      name = m[1]!;
      body = [];
    } else body.push(line);
  }
  flush();
  return out;
}

const files = new Map<string, Map<string, string>>();

function load(file: string): Map<string, string> {
  let q = files.get(file);
  if (!q) {
    q = parseNamedQueries(readFileSync(join(CYPHER_DIR, `${file}.cypher`), 'utf8'));
    files.set(file, q);
  }
  return q;
}

export function query(file: string, name: string): string {
  const q = load(file).get(name);
  if (q === undefined) throw new Error(`no query '${name}' in cypher/${file}.cypher`);
  return q;
}

/** Every named query of every file, for the test that EXPLAINs each one. */
export function allQueries(): { file: string; name: string; text: string }[] {
  const out: { file: string; name: string; text: string }[] = [];
  for (const f of readdirSync(CYPHER_DIR).filter((n) => n.endsWith('.cypher'))) {
    const file = f.replace(/\.cypher$/, '');
    for (const [name, text] of load(file)) out.push({ file, name, text });
  }
  return out;
}
