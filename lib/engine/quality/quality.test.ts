import { describe, expect, test } from 'vitest';
import { QUALITY_CHECKS } from './checks';
import { normaliseEmail, repeatedIds } from './duplicates';
import { checkTrends, levelOf, parseCounts, qualityScore, summariseChecks } from './report';
import { freshnessOf, isPossibleDate, nextNightlyRun, validDateWindow } from './window';

describe('check definitions', () => {
  test('codes are unique and every warning threshold is below its problem threshold', () => {
    const codes = QUALITY_CHECKS.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of QUALITY_CHECKS) expect(c.warnAbove).toBeLessThan(c.badAbove);
  });
});

describe('levels, rates and the score', () => {
  test('a rate of 0 is fine; the thresholds separate warnings from problems', () => {
    expect(levelOf(0.02, { warnAbove: 0, badAbove: 0.01 })).toBe('bad');
    expect(levelOf(0.01, { warnAbove: 0, badAbove: 0.01 })).toBe('warn');
    expect(levelOf(0, { warnAbove: 0, badAbove: 0.01 })).toBe('ok');
    expect(levelOf(0.1, { warnAbove: 0.1, badAbove: 0.3 })).toBe('ok');
    expect(levelOf(0.31, { warnAbove: 0.1, badAbove: 0.3 })).toBe('bad');
  });

  test('summaries follow the order of the checks, compute rates and drop unknown codes', () => {
    const s = summariseChecks([
      { code: 'eventDate', count: 3, total: 12 },
      { code: 'customerEmail', count: 1, total: 4 },
      { code: 'noSuchCheck', count: 9, total: 9 },
      { code: 'productImage', count: 0, total: 0 },
    ]);
    expect(s.map((c) => c.code)).toEqual(['customerEmail', 'productImage', 'eventDate']);
    expect(s[0]).toMatchObject({ category: 'completeness', rate: 0.25, level: 'warn' });
    expect(s[1]).toMatchObject({ rate: 0, level: 'ok' });
    expect(s[2]).toMatchObject({ category: 'validity', rate: 0.25, level: 'bad' });
  });

  test('the score is the mean share of good rows over checks that saw rows', () => {
    expect(
      qualityScore([
        { code: 'customerEmail', count: 1, total: 4 },
        { code: 'eventDate', count: 0, total: 10 },
        { code: 'productImage', count: 0, total: 0 },
      ]),
    ).toBe(87.5);
    expect(qualityScore([{ code: 'productImage', count: 0, total: 0 }])).toBeNull();
  });

  test('stored counts are read defensively', () => {
    expect(
      parseCounts([{ code: 'a', count: 1, total: 2 }, { code: 'b', count: -1, total: 2 }, { code: 3 }, null, 'x']),
    ).toEqual([{ code: 'a', count: 1, total: 2 }]);
    expect(parseCounts({ code: 'a' })).toEqual([]);
  });

  test('trends list each check oldest first with count and rate', () => {
    const d1 = new Date('2026-12-01T03:30:00Z');
    const d2 = new Date('2026-12-02T03:30:00Z');
    const trends = checkTrends([
      { id: 2, finishedAt: d2, counts: [{ code: 'eventDate', count: 1, total: 9 }] },
      { id: 1, finishedAt: d1, counts: [{ code: 'eventDate', count: 3, total: 9 }] },
    ]);
    expect(trends.get('eventDate')).toEqual([
      { runId: 1, at: d1, count: 3, rate: 1 / 3 },
      { runId: 2, at: d2, count: 1, rate: 1 / 9 },
    ]);
  });
});

describe('dates and freshness', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  test('possible dates lie between the first order and a day after now', () => {
    const w = validDateWindow(new Date('2025-01-10T00:00:00Z'), now);
    expect(w).toEqual({ earliest: new Date('2025-01-10T00:00:00Z'), latest: new Date('2026-12-02T12:00:00Z') });
    expect(isPossibleDate(new Date('2026-12-02T12:00:00Z'), w)).toBe(true);
    expect(isPossibleDate(new Date('2026-12-02T12:00:00.001Z'), w)).toBe(false);
    expect(isPossibleDate(new Date('2025-01-09T23:59:59Z'), w)).toBe(false);
    expect(isPossibleDate(new Date('1970-01-01T00:00:00Z'), validDateWindow(null, now))).toBe(true);
  });

  test('the nightly run is 03:30 UTC of the next day', () => {
    expect(nextNightlyRun(Date.UTC(2026, 0, 15, 12))).toEqual(new Date('2026-01-16T03:30:00Z'));
    expect(nextNightlyRun(Date.UTC(2026, 0, 15, 0, 0))).toEqual(new Date('2026-01-16T03:30:00Z'));
  });

  test('a source is stale after 7 days or when it never had a row', () => {
    const f = freshnessOf(
      [
        { source: 'api', lastAt: new Date('2026-12-01T00:00:00Z') },
        { source: 'import', lastAt: new Date('2026-11-24T12:00:00Z') },
        { source: 'late', lastAt: new Date('2026-11-24T11:59:59Z') },
        { source: 'ahead', lastAt: new Date('2026-12-01T18:00:00Z') },
        { source: 'never', lastAt: null },
      ],
      new Date('2026-12-01T12:00:00Z'),
    );
    expect(f.map((s) => [s.source, s.ageHours, s.isStale])).toEqual([
      ['api', 12, false],
      ['import', 168, false],
      ['late', 168, true],
      ['ahead', 0, false],
      ['never', null, true],
    ]);
    expect(
      freshnessOf([{ source: 'api', lastAt: new Date('2026-12-01T00:00:00Z') }], new Date('2026-12-09T06:00:00Z'))[0],
    ).toMatchObject({ ageHours: 198, isStale: true });
  });
});

describe('duplicates', () => {
  test('e-mails compare trimmed and lower-cased, Unicode included', () => {
    expect(normaliseEmail('  Ann@Example.COM\t')).toBe('ann@example.com');
    expect(normaliseEmail('\u00a0ÉLODIE@exemple.fr')).toBe('élodie@exemple.fr');
    expect(normaliseEmail('   ')).toBeNull();
    expect(normaliseEmail(null)).toBeNull();
  });

  test('the first row of a key is the original; later rows are repeats', () => {
    const doc = repeatedIds([
      { id: 1, key: 'a' },
      { id: 2, key: 'b' },
      { id: 3, key: 'a' },
      { id: 4, key: 'a' },
    ]);
    expect(doc).toEqual({
      repeats: [3, 4],
      groups: 1,
      firstOf: new Map([
        [3, 1],
        [4, 1],
      ]),
    });
    const r = repeatedIds([
      { id: 4, key: 'a' },
      { id: 1, key: 'a' },
      { id: 2, key: 'b' },
      { id: 3, key: 'a' },
      { id: 5, key: null },
      { id: 6, key: null },
    ]);
    expect(r.repeats).toEqual([3, 4]);
    expect(r.groups).toBe(1);
    expect([...r.firstOf]).toEqual([
      [3, 1],
      [4, 1],
    ]);
  });
});
