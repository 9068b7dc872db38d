#!/usr/bin/env node
// The headless evaluator. Compiled by `npm run build:cli` (run automatically by `npm ci` through `prepare`).
require('../lib/src/cli/main.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
