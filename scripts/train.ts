import { trainSameClaim } from './train-same-claim.js';

/** `npm run train -- NAME`: rebuild one of our model files from ../shared data. */
const MODELS: Record<string, () => Promise<unknown>> = { 'same-claim': () => trainSameClaim() };

const name = process.argv[2];
if (!name || !MODELS[name]) {
  process.stderr.write(`usage: npm run train -- ${Object.keys(MODELS).join(' | ')}\n`);
  process.exitCode = 2;
} else {
  const t0 = performance.now();
  const model = await MODELS[name]!();
  process.stdout.write(JSON.stringify((model as { provenance?: unknown }).provenance ?? {}, null, 2) + `\n(${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
}
