import { describe, expect, test } from 'vitest';
import { DateParser, detectDateOrder } from './dates';

const iso = (ms: number) => new Date(ms).toISOString();

describe('DateParser (UTC)', () => {
  const p = new DateParser();
  test.each([
    ['2011-12-09 12:50', '2011-12-09T12:50:00.000Z'],
    ['2011-12-09 12:50:00', '2011-12-09T12:50:00.000Z'],
    ['2011-12-09', '2011-12-09T00:00:00.000Z'],
    ['2024-01-01T00:01:04.541Z', '2024-01-01T00:01:04.541Z'],
    ['2024-03-05T14:30:00+08:00', '2024-03-05T06:30:00.000Z'],
    ['2024-03-05T14:30:00-0500', '2024-03-05T19:30:00.000Z'],
    ['2024-03-05 14:30:00 UTC', '2024-03-05T14:30:00.000Z'],
    ['2017-01-21 22:11:48.556739', '2017-01-21T22:11:48.556Z'],
    ['2024/3/5 9:05', '2024-03-05T09:05:00.000Z'],
    ['12/9/2011 12:50', '2011-12-09T12:50:00.000Z'],
    ['12/9/2011 1:50 PM', '2011-12-09T13:50:00.000Z'],
    ['09.12.2011', '2011-12-09T00:00:00.000Z'],
    ['2024年3月5日', '2024-03-05T00:00:00.000Z'],
    ['2024年3月5日 14:30', '2024-03-05T14:30:00.000Z'],
    ['2024年03月05日 14时30分', '2024-03-05T14:30:00.000Z'],
    ['9 Dec 2011', '2011-12-09T00:00:00.000Z'],
    ['Dec 9, 2011 12:50', '2011-12-09T12:50:00.000Z'],
    ['Tue, 05 Mar 2024 14:30:00 +0000', '2024-03-05T14:30:00.000Z'],
    ['1709649000', '2024-03-05T14:30:00.000Z'],
    ['1709649000123', '2024-03-05T14:30:00.123Z'],
    // epoch: seconds below 10^11, milliseconds from 10^11 (11 digits are seconds, 12 and more milliseconds)
    ['1765000000', '2025-12-06T05:46:40.000Z'],
    ['1765000000.5', '2025-12-06T05:46:40.500Z'],
    ['99999999999', '5138-11-16T09:46:39.000Z'],
    ['100000000000', '1973-03-03T09:46:40.000Z'],
    ['1765000000000', '2025-12-06T05:46:40.000Z'],
    ['100000000', '1973-03-03T09:46:40.000Z'],
    ['20240305', '2024-03-05T00:00:00.000Z'],
    [' 2024-03-05 ', '2024-03-05T00:00:00.000Z'],
  ])('%j → %s', (text, out) => expect(iso(p.parse(text))).toBe(out));

  test.each([
    '2024-02-30',
    '2024-13-01',
    '13/13/2011',
    '2024-03-05 25:00',
    'yesterday',
    '',
    '12345',
    '99999999',
    '31/12/2011',
  ])('%j is not a date (m/d/y)', (text) => {
    expect(p.parse(text)).toBeNaN();
  });

  test('a day/month mix-up leaves a hint', () => {
    p.parse('31/12/2011');
    expect(p.orderHint).toBe(true);
  });

  test('d/m/y order', () =>
    expect(iso(new DateParser({ order: 'dmy' }).parse('12/9/2011 12:50'))).toBe('2011-09-12T12:50:00.000Z'));
  test('leap day', () => expect(iso(p.parse('2024-02-29'))).toBe('2024-02-29T00:00:00.000Z'));
});

describe('DateParser (time zones)', () => {
  test('naive times are read in the import zone; explicit offsets win', () => {
    const sh = new DateParser({ timezone: 'Asia/Shanghai' });
    expect(iso(sh.parse('2024-03-05 14:30'))).toBe('2024-03-05T06:30:00.000Z');
    expect(sh.shifted).toBe(true);
    expect(iso(sh.parse('2024-03-05T14:30:00Z'))).toBe('2024-03-05T14:30:00.000Z');
  });
  test('daylight saving time (New York, before and after 10 March 2024)', () => {
    const ny = new DateParser({ timezone: 'America/New_York' });
    expect(iso(ny.parse('2024-03-09 12:00'))).toBe('2024-03-09T17:00:00.000Z');
    expect(iso(ny.parse('2024-03-11 12:00'))).toBe('2024-03-11T16:00:00.000Z');
  });
  test('unknown zone', () => expect(() => new DateParser({ timezone: 'Mars/Olympus' })).toThrow(RangeError));
});

describe('detectDateOrder', () => {
  test('proof either way, ambiguity, conflict', () => {
    expect(detectDateOrder(['12/9/2011 12:50', '12/31/2011']).order).toBe('mdy');
    expect(detectDateOrder(['3/5/2024', '25/12/2024'])).toMatchObject({ order: 'dmy', evidence: 'dmy' });
    expect(detectDateOrder(['3/5/2024', '4/6/2024'])).toMatchObject({ order: 'mdy', evidence: 'ambiguous' });
    expect(detectDateOrder(['25/12/2024', '12/25/2024', '31/1/2024'])).toMatchObject({
      order: 'dmy',
      evidence: 'conflicting',
    });
    expect(detectDateOrder(['2024-03-05']).evidence).toBe('none');
  });
});
