import { describe, expect, test } from 'vitest';
import { attributeOutcome, type AttributionEvent } from './attribution';

const H = 3_600_000;
const ev = (type: string, ts: number, extra: Partial<AttributionEvent> = {}): AttributionEvent => ({
  type,
  ts,
  isTagged: false,
  value: null,
  orderRef: null,
  ...extra,
});

describe('attribution window', () => {
  const startAt = 1_000 * H;
  const windowMs = 168 * H;

  test('an event exactly at the start counts; exactly at the end it does not; before the start it does not', () => {
    const at = (ts: number) =>
      attributeOutcome({ startAt, windowMs, events: [ev('purchase', ts, { value: 10, orderRef: 'o' })] });
    expect(at(startAt).converted).toBe(true);
    expect(at(startAt + windowMs - 1).converted).toBe(true);
    expect(at(startAt + windowMs).converted).toBe(false);
    expect(at(startAt - 1).converted).toBe(false);
  });

  test('opens and clicks count only when tagged with the campaign; a click implies an open', () => {
    const untagged = attributeOutcome({
      startAt,
      windowMs,
      events: [ev('open', startAt + H), ev('click', startAt + 2 * H)],
    });
    expect(untagged).toMatchObject({ opened: false, clicked: false });
    const tagged = attributeOutcome({ startAt, windowMs, events: [ev('click', startAt + 2 * H, { isTagged: true })] });
    expect(tagged).toMatchObject({ opened: true, clicked: true, converted: false });
  });

  test('every purchase in the window counts, tagged or not; orders are distinct references', () => {
    const r = attributeOutcome({
      startAt,
      windowMs,
      events: [
        ev('purchase', startAt + 5 * H, { value: 30, orderRef: 'o1' }),
        ev('purchase', startAt + 5 * H, { value: 20, orderRef: 'o1' }),
        ev('purchase', startAt + 50 * H, { value: null, price: 12.5, quantity: 2, orderRef: null, isTagged: true }),
        ev('purchase', startAt + 200 * H, { value: 99, orderRef: 'late' }),
      ],
    });
    expect(r).toMatchObject({ converted: true, revenue: 75, orders: 2, convertedAt: startAt + 5 * H });
  });

  test('exposures: at least those recorded at send time, tagged exposure events counted, capped by the frequency cap', () => {
    const events = [1, 2, 3, 4].map((d) => ev('exposure', startAt + d * H, { isTagged: true }));
    expect(attributeOutcome({ startAt, windowMs, events, recordedExposures: 1 }).exposures).toBe(4);
    expect(attributeOutcome({ startAt, windowMs, events, frequencyCap: 2 }).exposures).toBe(2);
    expect(attributeOutcome({ startAt, windowMs, events: [], recordedExposures: 1 }).exposures).toBe(1);
  });

  test('no events: nothing happened', () => {
    expect(attributeOutcome({ startAt, windowMs, events: [] })).toEqual({
      opened: false,
      clicked: false,
      converted: false,
      revenue: 0,
      orders: 0,
      convertedAt: null,
      exposures: 0,
    });
  });

  test('invalid windows throw', () => {
    expect(() => attributeOutcome({ startAt, windowMs: 0, events: [] })).toThrow(/attributeOutcome/);
  });
});
