// ../shared from the repository root: beside the main checkout, or two levels up from a worktree.
import { existsSync } from 'fs';
import * as path from 'path';

const repoRoot = path.resolve(__dirname, '..', '..');
const candidates = [path.resolve(repoRoot, '..', 'shared'), path.resolve(repoRoot, '..', '..', 'shared')];
export const sharedRoot = candidates.find((dir) => existsSync(path.join(dir, 'spec'))) ?? candidates[0];

export const sharedPath = (...parts: string[]) => path.join(sharedRoot, ...parts);
