#!/usr/bin/env node
// The `deepwire` command. Runs the TypeScript CLI through tsx so that it works from a clean clone
// after `npm install`, without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
