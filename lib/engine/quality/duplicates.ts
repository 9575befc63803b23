/**
 * E-mail addresses compare after trimming white space (Unicode included) and lower-casing (Unicode-aware, the same
 * on SQLite and PostgreSQL, which is why this runs here and not in SQL). Empty addresses are no address.
 * @example
 * normaliseEmail('  Ann@Example.COM\t') // 'ann@example.com'
 */
export function normaliseEmail(email: string | null): string | null {
  const e = email?.trim().toLowerCase();
  return e ? e : null;
}

/**
 * Rows that repeat an earlier row's key (rows in id order; the first of each group is the original). Returns the
 * ids of the repeats, in order, and how many keys are repeated.
 * @example
 * repeatedIds([{ id: 1, key: 'a' }, { id: 2, key: 'b' }, { id: 3, key: 'a' }, { id: 4, key: 'a' }])
 * // { repeats: [3, 4], groups: 1, firstOf: Map { 3 => 1, 4 => 1 } }
 */
export function repeatedIds(rows: { id: number; key: string | null }[]) {
  const first = new Map<string, number>();
  const firstOf = new Map<number, number>();
  const repeated = new Set<string>();
  const repeats: number[] = [];
  for (const r of [...rows].sort((a, b) => a.id - b.id)) {
    if (r.key === null) continue;
    const original = first.get(r.key);
    if (original === undefined) first.set(r.key, r.id);
    else {
      repeats.push(r.id);
      firstOf.set(r.id, original);
      repeated.add(r.key);
    }
  }
  return { repeats, groups: repeated.size, firstOf };
}
