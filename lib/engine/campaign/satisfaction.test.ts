import { describe, expect, test } from 'vitest';
import { computeSatisfaction, detectScale } from './satisfaction';

describe('satisfaction', () => {
  test('scale detection', () => {
    expect(detectScale([1, 0, 1, -1])).toBe('thumbs');
    expect(detectScale([1, 3, 5])).toBe('csat');
    expect(detectScale([0, 7, 10])).toBe('nps');
  });

  test('CSAT: mean with a t-free normal interval and the share of 4–5 answers', () => {
    const r = computeSatisfaction({
      scoresByArm: [
        [3, 4, 5, 4],
        [5, 5, 4, 5],
      ],
      reference: 0,
      scale: 'csat',
    })!;
    expect(r.scale).toBe('csat');
    expect(r.arms[0]!.score).toBe(4);
    // sd = √(2/3), se = sd/2, 1.96·se
    expect(r.arms[0]!.upper! - 4).toBeCloseTo((1.959964 * Math.sqrt(2 / 3)) / 2, 5);
    expect(r.arms[0]!.positiveShare).toBe(0.75);
    expect(r.arms[1]!.vsReference!.estimate).toBeCloseTo(0.75, 12);
    expect(r.arms[0]!.vsReference).toBeNull();
  });

  test('NPS: promoters − detractors in points with its multinomial standard error', () => {
    const scores = [10, 9, 9, 8, 7, 6, 3, 10, 10, 0];
    const r = computeSatisfaction({ scoresByArm: [scores, scores], reference: 0 })!;
    expect(r.scale).toBe('nps');
    // promoters 5/10, detractors 3/10 → NPS 20; se = √((0.5 + 0.3 − 0.04)/10) = 0.27568
    expect(r.arms[0]!.score).toBeCloseTo(20, 10);
    expect((r.arms[0]!.upper! - r.arms[0]!.score!) / 1.959964).toBeCloseTo(27.568, 2);
    expect(r.arms[1]!.vsReference!.estimate).toBe(0);
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
