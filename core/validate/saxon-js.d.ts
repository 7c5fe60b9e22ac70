// The part of SaxonJS (saxon-js, Saxonica's licence: free to redistribute, not open source) we use.
declare module 'saxon-js' {
	interface TransformResult {
		principalResult: string | null;
	}
	const SaxonJS: {
		transform(options: { stylesheetInternal: unknown; sourceNode: unknown; destination: 'serialized' }): TransformResult;
		XPath: {
			evaluate(
				expression: string,
				context: unknown,
				options?: { params?: Record<string, unknown>; namespaceContext?: Record<string, string>; resultForm?: 'array' },
			): unknown;
		};
	};
	export default SaxonJS;
}
