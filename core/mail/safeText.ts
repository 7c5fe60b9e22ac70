// Text from a document ends up in mail headers and attachment file names: neutralise it there.

// C0 controls (CR, LF, TAB…), DEL, C1 controls and the Unicode line/paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** One header-safe line: controls become a space, runs of spaces collapse, at most `maxLength` characters. */
export function headerSafe(value: string, maxLength = 250): string {
	const line = value.replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
	return line.length > maxLength ? `${line.slice(0, maxLength - 1).trimEnd()}…` : line;
}

// Path separators, Windows-reserved characters and controls.
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_FILE_NAME = /[\u0000-\u001f\u007f-\u009f\u2028\u2029/\\:*?"<>|]+/g;

/**
 * A file name that cannot climb out of a folder or hide an extension: no separators, no
 * `..`, no leading dots, no controls; falls back to `fallback` when nothing usable remains.
 */
export function fileNameSafe(value: string, fallback = 'document', maxLength = 120): string {
	// Path segments: `..` and `.` vanish, the others are joined with `_` (a/b.xml → a_b.xml).
	const joined = value
		.split(/[/\\]+/)
		.filter((segment) => segment !== '' && !/^\.+$/.test(segment.trim()))
		.join('_');
	let name = joined
		.replace(UNSAFE_IN_FILE_NAME, '_')
		.replace(/\.{2,}/g, '.')
		.replace(/^[\s.]+/, '')
		.replace(/[\s.]+$/, '')
		.replace(/\s+/g, ' ');
	if (name.length > maxLength) {
		const dot = name.lastIndexOf('.');
		const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
		name = name.slice(0, maxLength - extension.length) + extension;
	}
	return name === '' || /^_+$/.test(name) ? fallback : name;
}

/** The file name without its last extension: `Factuur_2026-0042.xml` → `Factuur_2026-0042`. */
export function baseName(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	return dot > 0 ? fileName.slice(0, dot) : fileName;
}
