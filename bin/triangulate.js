#!/usr/bin/env node
// The CLI is compiled from src/cli by `npm ci` (the `prepare` script runs tsc).
import { setFlagsFromString } from 'node:v8';
import { REGEXP_TIER_UP_TICKS } from '../dist/src/util/startup.js';

// Before any regular expression exists (see src/util/startup.ts): V8 compiles one to machine
// code after this many runs instead of after one, so a short run does not pay for compiling
// chrono-node's large patterns.
setFlagsFromString(`--regexp-tier-up-ticks=${REGEXP_TIER_UP_TICKS}`);
const { main } = await import('../dist/src/cli/main.js');

// A reader that stops early (`triangulate demo | head`) closes the pipe: that ends the output, not
// with a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });

process.exitCode = await main(process.argv.slice(2));
