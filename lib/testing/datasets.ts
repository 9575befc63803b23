import fs from 'node:fs';
import path from 'node:path';

/**
 * The shared public datasets (never copied into the repo). Tests that need one use `describe.skipIf(!hasDataset(x))`
 * and say why they skipped through `datasetSkipReason`.
 */
export const DATASETS_DIR = path.resolve(
  process.env.PRECISA_DATASETS ?? path.join(import.meta.dirname, '../../../shared/datasets'),
);

export function datasetPath(...parts: string[]) {
  return path.join(DATASETS_DIR, ...parts);
}

export function hasDataset(name: string) {
  return fs.existsSync(path.join(DATASETS_DIR, name));
}

export function datasetSkipReason(name: string) {
  return `dataset ${name} not found under ${DATASETS_DIR} (set PRECISA_DATASETS to the shared datasets folder)`;
}
