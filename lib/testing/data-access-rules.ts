/**
 * The detectors behind lib/architecture.test.ts's data-access rules: lib/db is the only code that talks to the
 * database. They read source text with comments and string contents blanked out (so a query in a comment, a message
 * or an SQL string does not count, and code inside `${…}` of a template still does). Pure: unit-tested in
 * data-access-rules.test.ts on planted violations.
 */

/** Prisma's model methods: `<anything>.<model>.<method>(` is a query whatever the receiver is called. */
const MODEL_METHODS = [
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'create',
  'createMany',
  'createManyAndReturn',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
  'delete',
  'deleteMany',
  'count',
  'aggregate',
  'groupBy',
];

/** The model names of a Prisma schema, as the client's delegates spell them (`RecModelRun` → `recModelRun`). */
export function prismaDelegates(schema: string): string[] {
  return [...schema.matchAll(/^model\s+(\w+)\s*\{/gm)].map((m) => m[1]!.charAt(0).toLowerCase() + m[1]!.slice(1));
}

const KEYWORDS_BEFORE_REGEX = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

/**
 * The source with the contents of comments, strings and template text replaced by spaces (delimiters and line breaks
 * kept, so offsets and line numbers stay), and regular-expression literals blanked the same way.
 */
export function codeOnly(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  const braces: number[] = []; // open-brace depth of each template `${` we are inside
  let depth = 0;
  let i = 0;
  let last = ''; // the last significant code token's final character (or a keyword), to tell a regex from a division
  const templateText = (start: number) => {
    // from just after a backtick or a closing `}` of `${…}`: skip text up to the closing backtick or the next `${`
    let j = start;
    while (j < text.length && text[j] !== '`' && !(text[j] === '$' && text[j + 1] === '{'))
      j += text[j] === '\\' ? 2 : 1;
    blank(start, Math.min(j, text.length));
    if (text[j] === '$') {
      braces.push(depth);
      depth++;
      last = '{';
      return j + 2;
    }
    last = 'x';
    return j + 1;
  };
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      blank(i, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      blank(i, end < 0 ? text.length : end + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      blank(i + 1, j);
      i = j + 1;
      last = 'x';
    } else if (c === '`') {
      i = templateText(i + 1);
    } else if (c === '}' && braces.length && braces.at(-1) === depth - 1) {
      braces.pop();
      depth--;
      i = templateText(i + 1);
    } else if (c === '/' && (last === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(last) || KEYWORDS_BEFORE_REGEX.has(last))) {
      let j = i + 1;
      let inClass = false;
      while (j < text.length && text[j] !== '\n' && (inClass || text[j] !== '/')) {
        if (text[j] === '\\') j++;
        else if (text[j] === '[') inClass = true;
        else if (text[j] === ']') inClass = false;
        j++;
      }
      blank(i + 1, j);
      i = j + 1;
      last = 'x';
    } else {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      if (/[A-Za-z_$]/.test(c)) {
        const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 40))![0];
        last = KEYWORDS_BEFORE_REGEX.has(word) ? word : 'x';
        i += word.length;
        continue;
      }
      if (!/\s/.test(c)) last = /[\w)\]]/.test(c) ? 'x' : c;
      i++;
    }
  }
  return out.join('');
}

export type Finding = { line: number; text: string; why: string };

/**
 * Prisma model calls, `$queryRaw`/`$executeRaw`/`$transaction` (and their Unsafe forms), and SQL sent through a raw
 * connection (`raw.conn.prepare(…)`, `raw.pool.query(…)`) in a source text.
 */
export function databaseCalls(text: string, delegates: readonly string[]): Finding[] {
  const code = codeOnly(text);
  const model = new RegExp(`\\.\\s*(${delegates.join('|')})\\s*\\??\\.\\s*(${MODEL_METHODS.join('|')})\\s*\\(`, 'g');
  const raw = /\$(queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe|transaction|runCommandRaw)\b/g;
  const driver = /\.\s*(conn|pool)\s*\.\s*(prepare|exec|query|connect|pragma|transaction)\s*\(/g;
  const lines = text.split('\n');
  const at = (index: number) => code.slice(0, index).split('\n').length;
  const found: Finding[] = [];
  for (const m of code.matchAll(model))
    found.push({ line: at(m.index), text: lines[at(m.index) - 1]!.trim(), why: `Prisma call ${m[1]}.${m[2]}` });
  for (const m of code.matchAll(raw))
    found.push({ line: at(m.index), text: lines[at(m.index) - 1]!.trim(), why: `$${m[1]}` });
  for (const m of code.matchAll(driver))
    found.push({ line: at(m.index), text: lines[at(m.index) - 1]!.trim(), why: `raw ${m[1]}.${m[2]}` });
  return found.sort((a, b) => a.line - b.line);
}

/** Module specifiers a file imports at run time (`import type …` and `export type …` left out). */
export function runtimeImports(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const specs: string[] = [];
  for (const m of code.matchAll(/(?:^|;|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g)) {
    if (m[2]) continue;
    // `import { type A, type B } from` is type-only too
    const names = /^\{([^}]*)\}$/.exec(m[3]!.trim());
    if (names && names[1]!.split(',').every((n) => !n.trim() || /^type\s/.test(n.trim()))) continue;
    specs.push(m[4]!);
  }
  for (const m of code.matchAll(
    /(?:^|;|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    specs.push((m[1] ?? m[2] ?? m[3])!);
  }
  return specs;
}

/** Drivers and generated clients that only lib/db may load. */
export const DATABASE_MODULES = /^(@prisma\/|pg$|pg\/|better-sqlite3$)|(^|\/)db\/(generated|raw|create-client)(\/|$)/;
