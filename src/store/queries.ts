/**
 * Named Cypher queries from cypher/*.cypher. A file holds several queries, each introduced by a
 * `// name: <queryName>` line; `query('listing', 'byId')` returns its text. Values always travel
 * as parameters.
 *
 * Rules that several queries share are written once, as fragments in cypher/fragments.cypher
 * (`// fragment: identified(_l, _s)`), and used as `{{identified(l, s)}}`: the fragment's text with
 * its formal names (which start with `_`) replaced by the variables given. Fragments are code,
 * never values, and are expanded once when a file is loaded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CYPHER_DIR } from '../reference/paths.ts';

const NAME_LINE = /^\/\/\s*name:\s*([A-Za-z][\w-]*)\s*$/;
const FRAGMENT_LINE = /^\/\/\s*fragment:\s*([A-Za-z]\w*)\(([^)]*)\)\s*$/;
const USE = /(\{\{\{?)([A-Za-z]\w*)\(([^)]*)\)\}\}\}?/g;

interface Fragment {
  params: string[];
  body: string;
}

/** Fragments of a file: `// fragment: name(_a, _b)` followed by its text (comments dropped). */
export function parseFragments(text: string): Map<string, Fragment> {
  const out = new Map<string, Fragment>();
  let current: { name: string; params: string[]; lines: string[] } | null = null;
  const flush = () => {
    if (current) out.set(current.name, { params: current.params, body: current.lines.join('\n').trim() });
  };
  for (const line of text.split('\n')) {
    const m = FRAGMENT_LINE.exec(line);
    if (m) {
      flush();
      const params = m[2]!
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      for (const p of params)
        if (!p.startsWith('_')) throw new Error(`fragment ${m[1]}: parameter '${p}' must start with _`);
      current = { name: m[1]!, params, lines: [] };
    } else if (current && !line.trim().startsWith('//')) current.lines.push(line);
  }
  flush();
  return out;
}

/**
 * Replaces every `{{name(a, b)}}` by the fragment's text in parentheses (an expression), and every
 * `{{{name(a, b)}}}` by the bare text (clauses), recursively: fragments may use fragments.
 */
export function expandFragments(text: string, fragments: Map<string, Fragment>, depth = 0): string {
  if (depth > 8) throw new Error('fragments nest too deep (a cycle?)');
  return text.replace(USE, (_m, open: string, name: string, argText: string) => {
    const f = fragments.get(name);
    if (!f) throw new Error(`no fragment '${name}' in cypher/fragments.cypher`);
    const args = argText
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    if (args.length !== f.params.length)
      throw new Error(`fragment ${name} takes ${f.params.length} argument(s), got ${args.length}`);
    let body = f.body;
    f.params.forEach((p, i) => {
      body = body.replace(new RegExp(`(?<![\\w$.])${p}\\b`, 'g'), args[i]!);
    });
    const expanded = expandFragments(body, fragments, depth + 1);
    return open === '{{{' ? expanded : `(${expanded})`;
  });
}

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
let fragments: Map<string, Fragment> | undefined;

function load(file: string): Map<string, string> {
  let q = files.get(file);
  if (!q) {
    fragments ??= parseFragments(readFileSync(join(CYPHER_DIR, 'fragments.cypher'), 'utf8'));
    const named = parseNamedQueries(readFileSync(join(CYPHER_DIR, `${file}.cypher`), 'utf8'));
    q = new Map([...named].map(([name, text]) => [name, expandFragments(text, fragments!)]));
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
  for (const f of readdirSync(CYPHER_DIR).filter((n) => n.endsWith('.cypher') && n !== 'fragments.cypher')) {
    const file = f.replace(/\.cypher$/, '');
    for (const [name, text] of load(file)) out.push({ file, name, text });
  }
  return out;
}
