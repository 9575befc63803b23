/** Parser for the Cookie Cats A/B test (`cookie_cats_ab/cookie_cats.csv`). */
import type { Counts } from '../types';
import { columnIndex, readCsv } from './csv-text';

export type CookieCatsArm = { players: number; retention1: Counts; retention7: Counts; gameRounds: number[] };

/**
 * Aggregates the players per version (`gate_30`, `gate_40`): counts of 1-day and 7-day retention and the
 * game-round counts. Booleans may be `TRUE`/`FALSE` or `True`/`False`.
 * @example parseCookieCats(text).gate_30.retention1 // { successes: 20034, trials: 44700 }
 */
export function parseCookieCats(text: string): Record<string, CookieCatsArm> {
  const fn = 'parseCookieCats';
  const { header, rows } = readCsv(text);
  const col = columnIndex(header, ['version', 'sum_gamerounds', 'retention_1', 'retention_7'], fn);
  const arms: Record<string, CookieCatsArm> = {};
  for (const row of rows) {
    const version = row[col.version] as string;
    let arm = arms[version];
    if (arm === undefined) {
      arm = {
        players: 0,
        retention1: { successes: 0, trials: 0 },
        retention7: { successes: 0, trials: 0 },
        gameRounds: [],
      };
      arms[version] = arm;
    }
    arm.players += 1;
    arm.retention1.trials += 1;
    arm.retention7.trials += 1;
    if (parseBool(row[col.retention_1], fn)) arm.retention1.successes += 1;
    if (parseBool(row[col.retention_7], fn)) arm.retention7.successes += 1;
    arm.gameRounds.push(Number(row[col.sum_gamerounds]));
  }
  return arms;
}

function parseBool(value: string | undefined, fn: string): boolean {
  const v = value?.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new RangeError(`${fn}: not a boolean: ${value}`);
}
