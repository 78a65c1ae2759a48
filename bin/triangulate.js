#!/usr/bin/env node
// The CLI is compiled from src/cli by `npm ci` (the `prepare` script runs tsc).
import { main } from '../dist/src/cli/main.js';

// A reader that stops early (`triangulate demo | head`) closes the pipe: that ends the output, not
// with a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });

process.exitCode = await main(process.argv.slice(2));
