#!/usr/bin/env node
// The CLI is compiled from src/cli by `npm ci` (the `prepare` script runs tsc).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
