import { describe, expect, test } from 'vitest';
import { createRng } from '../../stats/random';
import { trainUpliftTargeting } from './uplift-targeting';

describe('uplift targeting', () => {
  // Only customers with x > 0 respond to the message (+20 points); z is noise.
  const rng = createRng(12);
  const training = Array.from({ length: 6000 }, () => {
    const x = rng() * 2 - 1;
    const z = rng();
    const treated = (rng() < 0.5 ? 1 : 0) as 0 | 1;
    const p = 0.1 + (treated && x > 0 ? 0.2 : 0);
    return { features: [x, z], treated, outcome: (rng() < p ? 1 : 0) as 0 | 1 };
  });
  const candidates = Array.from({ length: 1000 }, (_, i) => [i < 500 ? 0.5 : -0.5, 0.5]);

  test('beats random targeting on held-out customers and picks the responsive ones under the budget', () => {
    const r = trainUpliftTargeting({
      names: ['x', 'z'],
      training,
      candidates,
      valuePerConversion: 50,
      costPerContact: 1,
      budget: 300,
      seed: 3,
    });
    if (r.type !== 'ok') throw new Error(r.reason);
    expect(r.models.map((m) => m.kind)).toEqual(['two-model', 'class-transformation']);
    expect(r.marginSd).toBeGreaterThan(3);
    expect(r.selection.count).toBe(300);
    expect(r.selection.selected.every((i) => i < 500)).toBe(true);
    expect(r.drivers[0]!.name).toBe('x');
    const curve = r.models[0]!.curve;
    expect(curve[0]).toEqual({ fraction: 0, qini: 0 });
    expect(curve.at(-1)!.fraction).toBe(1);
  });

  test('too few customers → insufficient data', () => {
    expect(
      trainUpliftTargeting({
        names: ['x'],
        training: training.slice(0, 50),
        candidates: [],
        valuePerConversion: 1,
        costPerContact: 0,
      }).type,
    ).toBe('insufficient-data');
  });
});
