import { describe, expect, test } from 'vitest';
import { computeSatisfaction, detectScale } from './satisfaction';

describe('satisfaction', () => {
  test('scale detection', () => {
    expect(detectScale([1, 0, 1, -1])).toBe('thumbs');
    expect(detectScale([1, 3, 5])).toBe('csat');
    expect(detectScale([0, 7, 10])).toBe('nps');
  });

  test('CSAT: mean with a Student t interval (checked against scipy.stats.t.interval) and the share of 4–5 answers', () => {
    const a = [5, 4, 4, 3, 5, 5, 4, 2, 5, 4, 3, 5];
    const r = computeSatisfaction({ scoresByArm: [a, a.map((x) => Math.min(5, x + 1))], reference: 0, scale: 'csat' })!;
    expect(r.scale).toBe('csat');
    // python3: x=[5,4,4,3,5,5,4,2,5,4,3,5]; st.t.interval(0.95, 11, loc=x.mean(), scale=st.sem(x))
    //          → (3.4503749248620066, 4.7162917418046595), mean 4.083333
    expect(r.arms[0]!.score).toBeCloseTo(4.083333333, 8);
    expect(r.arms[0]!.lower).toBeCloseTo(3.4503749248620066, 8);
    expect(r.arms[0]!.upper).toBeCloseTo(4.7162917418046595, 8);
    expect(r.arms[0]!.tooFew).toBe(false);
    expect(r.arms[0]!.positiveShare).toBeCloseTo(9 / 12, 12);
    expect(r.arms[1]!.vsReference!.estimate).toBeCloseTo(7 / 12, 12);
    expect(r.arms[0]!.vsReference).toBeNull();
  });

  test('NPS: promoters − detractors with its multinomial standard error (checked against numpy on −1/0/+1 coding)', () => {
    const scores = [10, 9, 9, 8, 7, 6, 3, 10, 10, 0, 9, 8];
    const r = computeSatisfaction({ scoresByArm: [scores, scores], reference: 0 })!;
    expect(r.scale).toBe('nps');
    // python3: c = +1 (9–10) / 0 / −1 (0–6); nps = 100·c.mean(); se = 100·c.std(ddof=0)/√n
    //          → 25.0, 95 % interval (−21.913066225619303, 71.9130662256193)
    expect(r.arms[0]!.score).toBeCloseTo(25, 10);
    expect(r.arms[0]!.lower).toBeCloseTo(-21.913066225619303, 6);
    expect(r.arms[0]!.upper).toBeCloseTo(71.9130662256193, 6);
    expect(r.arms[1]!.vsReference!.estimate).toBe(0);
  });

  test('too few answers: below 10 there is a score but no interval and no comparison (3 × "4" is not [4, 4])', () => {
    const r = computeSatisfaction({
      scoresByArm: [
        [4, 4, 4],
        [5, 5, 5, 5, 5, 4, 4, 4, 4, 4],
      ],
      reference: 1,
      scale: 'csat',
    })!;
    expect(r.arms[0]).toMatchObject({
      responses: 3,
      tooFew: true,
      score: 4,
      lower: null,
      upper: null,
      vsReference: null,
    });
    expect(r.arms[1]!.tooFew).toBe(false);
    expect(r.arms[1]!.lower).not.toBeNull();
    const nine = computeSatisfaction({ scoresByArm: [[1, 2, 3, 4, 5, 1, 2, 3, 4]], reference: 0, scale: 'csat' })!;
    expect(nine.arms[0]!.tooFew).toBe(true);
    expect(nine.arms[0]!.lower).toBeNull();
  });

  test('thumbs: share up; malformed scores are ignored; no feedback → null', () => {
    const r = computeSatisfaction({
      scoresByArm: [
        [1, 1, 0, -1, 7],
        [1, 1],
      ],
      reference: 0,
      scale: 'thumbs',
    })!;
    expect(r.arms[0]!.responses).toBe(4);
    expect(r.arms[0]!.score).toBe(0.5);
    expect(computeSatisfaction({ scoresByArm: [[], []], reference: 0 })).toBeNull();
  });
});
