/** Folders of the repository, found the same way from the sources and from a bundle of them. */
import { join } from 'node:path';
// @ts-expect-error plain JavaScript module shared with the launcher in bin/
import { repoDir as repo } from '../bin/source-hash.js';

export const repoDir = repo as string;
export const rulesDir = join(repoDir, 'rules');
export const binDir = join(repoDir, 'bin');
