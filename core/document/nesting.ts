// A bound on nesting, checked before anything else walks the input. The copy that drops nulls, zod and
// the fast path all recurse once per level: JSON nested thousands of levels deep (which JSON.parse
// accepts) would overflow the stack there. No contract field is nested more than five levels, so a
// document nested deeper than MAX_NESTING is refused with the field it happens in.
import { z } from 'zod';
import { ZodLeaf } from './fields';
import type { DocumentIssue } from '../model';

export const MAX_NESTING = 32;

/** The contract's object and list structure: which keys and lists exist where (null: a value field). */
type Shape = { keys?: Map<string, Shape>; items?: Shape } | null;

export function shapeOf(schema: z.ZodTypeAny): Shape {
	if (schema instanceof ZodLeaf) return null;
	if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) return shapeOf(schema._def.innerType);
	if (schema instanceof z.ZodEffects) return shapeOf(schema._def.schema);
	if (schema instanceof z.ZodArray) return { items: shapeOf(schema.element) ?? undefined };
	if (schema instanceof z.ZodObject) {
		const keys = new Map<string, Shape>();
		for (const [key, field] of Object.entries(schema.shape as z.ZodRawShape)) keys.set(key, shapeOf(field));
		return { keys };
	}
	return null;
}

/** The path below `value` to a container deeper than `levelsLeft`, or undefined. Recursion ≤ MAX_NESTING. */
function tooDeep(value: unknown, levelsLeft: number): Array<string | number> | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	if (levelsLeft === 0) return [];
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) {
			const below = tooDeep(value[i], levelsLeft - 1);
			if (below) return (below.unshift(i), below);
		}
		return undefined;
	}
	for (const key in value) {
		const below = tooDeep((value as Record<string, unknown>)[key], levelsLeft - 1);
		if (below) return (below.unshift(key), below);
	}
	return undefined;
}

/** The field a deep path is in: its known contract part, up to the first key the contract does not have. */
function fieldOf(path: Array<string | number>, root: Shape): string {
	const named: Array<string | number> = [];
	let shape = root;
	for (const segment of path) {
		if (shape === null || shape === undefined) break;
		named.push(segment);
		if (typeof segment === 'number' && shape.items !== undefined) shape = shape.items;
		else if (typeof segment === 'string' && shape.keys?.has(segment)) shape = shape.keys.get(segment)!;
		else break;
	}
	return named.join('.');
}

/** One issue when the input nests deeper than MAX_NESTING levels, naming the field. */
export function nestingIssue(value: unknown, contract: Shape): DocumentIssue | undefined {
	const path = tooDeep(value, MAX_NESTING);
	if (!path) return undefined;
	return {
		path: fieldOf(path, contract),
		message: `is nested more than ${MAX_NESTING} levels deep (no NumNum document is; refused before it is read)`,
	};
}
