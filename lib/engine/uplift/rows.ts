/** Row selection on dense feature matrices. */
import type { FeatureMatrix } from './types';

/**
 * A new matrix made of the given rows, in the given order.
 * @example selectRows({ nRows: 3, nFeatures: 1, values: Float64Array.from([1, 2, 3]) }, [2, 0]) // values [3, 1]
 */
export function selectRows(x: FeatureMatrix, rows: ArrayLike<number>): FeatureMatrix {
  const k = x.nFeatures;
  const values = new Float64Array(rows.length * k);
  for (let r = 0; r < rows.length; r += 1) {
    const i = rows[r] as number;
    if (!(i >= 0 && i < x.nRows)) throw new RangeError(`selectRows: row ${i} out of range`);
    values.set(x.values.subarray(i * k, (i + 1) * k), r * k);
  }
  return { nRows: rows.length, nFeatures: k, values };
}
