import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/paths.js';
import { FEATURES, type SameClaimModel } from './statement.js';

let model: SameClaimModel | undefined;

/**
 * The same-statement model (data/models/same-claim.json, written by `npm run train -- same-claim`
 * from the development part of MSRP; the file says how). Loaded once; refused when its features
 * are not the ones statement.ts computes, so a stale model file cannot silently score.
 */
export function sameClaimModel(): SameClaimModel {
  if (model) return model;
  const file = join(packageRoot(), 'data', 'models', 'same-claim.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as SameClaimModel;
  if (m.features.length !== FEATURES.length || m.features.some((f, i) => f !== FEATURES[i]) || m.weights.length !== FEATURES.length) {
    throw new Error(`${file}: its features are not those of src/crosscheck/statement.ts; rebuild it with npm run train -- same-claim`);
  }
  model = m;
  return model;
}
