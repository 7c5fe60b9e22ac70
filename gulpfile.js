// Copies the node icons, codex files, example documents/workflows and the official rules (the UBL 2.1
// XSD, the compiled schematron and their SOURCES.md) into dist/; tsc only emits .js/.d.ts.
const { src, dest } = require('gulp');

function copyAssets() {
	return src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}', 'core/**/*.json', 'examples/**/*.json', 'core/validate/official/**/*.{xsd,md}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports.build = copyAssets;
exports.default = copyAssets;
