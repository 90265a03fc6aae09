#!/usr/bin/env node
// The `proposals` command. The TypeScript sources are bundled to plain JavaScript with esbuild on first use
// (cached by a hash of src/), so there is no build step to forget and no loader running at every start.
import { pathToFileURL } from 'node:url';
import { bundled } from './source-hash.js';

const { main } = await import(pathToFileURL(await bundled('src/cli/main.ts')).href);
process.exitCode = await main(process.argv.slice(2));
