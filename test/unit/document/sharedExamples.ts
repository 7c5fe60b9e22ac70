// The contract's example documents live in ../shared (never copied into the repo).
import { readFileSync, readdirSync } from 'fs';
import { resolve } from 'path';

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const examplesDir = resolve(repoRoot, '..', 'shared', 'spec', 'examples');

export const exampleNames = (): string[] => readdirSync(examplesDir).filter((name) => name.endsWith('.json')).sort();

/** A fresh copy of an example (tests may change it). */
export function example(name: string): any {
	return JSON.parse(readFileSync(resolve(examplesDir, name), 'utf8'));
}
