import { describe, expect, test } from 'vitest';
import { servingReason } from './serving-reason';

const components = (weights: Record<string, number>) =>
  Object.entries(weights).map(([kind, weight]) => ({ kind, weight, params: {} }));

describe('servingReason', () => {
  test('a blend above its best component on validation says so, with both scores', () => {
    const params = {
      validationNdcg: 0.2304,
      componentValidationNdcg: { 'item-knn': 0.2011, ease: 0.2212, popularity: 0.1 },
      components: components({ 'item-knn': 0.25, ease: 1, popularity: 0 }),
    };
    expect(servingReason(params)).toEqual({
      key: 'recommendations.serving.why',
      component: 'ease',
      ndcg: '0.230',
      componentNdcg: '0.221',
    });
  });

  test('a blend that weights only its best component claims no gain', () => {
    const params = {
      validationNdcg: 0.787,
      componentValidationNdcg: { 'item-knn': 0.709, ease: 0.787 },
      components: components({ 'item-knn': 0, ease: 1 }),
    };
    expect(servingReason(params)).toMatchObject({ key: 'recommendations.serving.whyNoGain', component: 'ease' });
  });

  test('a blend that stores only its best component (the others weighted 0) claims no gain', () => {
    const params = {
      validationNdcg: 0.787,
      componentValidationNdcg: { 'item-knn': 0.709, ease: 0.787, content: 0.3 },
      components: components({ ease: 1 }),
    };
    expect(servingReason(params)).toEqual({
      key: 'recommendations.serving.whyNoGain',
      component: 'ease',
      ndcg: '0.787',
      componentNdcg: '0.787',
    });
  });

  test('a gain too small to show at three decimals is no gain either', () => {
    const params = {
      validationNdcg: 0.10204,
      componentValidationNdcg: { ease: 0.10196, 'item-knn': 0.07 },
      components: components({ ease: 1, 'item-knn': 0.1 }),
    };
    expect(servingReason(params)).toMatchObject({ key: 'recommendations.serving.whyNoGain', componentNdcg: '0.102' });
  });

  test('single models and blends without a validation part have no reason', () => {
    expect(servingReason({ components: components({ ease: 1 }) })).toBeNull();
    expect(servingReason(undefined)).toBeNull();
    expect(servingReason({ validationNdcg: 0.1, componentValidationNdcg: {} })).toBeNull();
  });
});
