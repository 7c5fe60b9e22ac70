// Lint: n8n's own rules for community node packages, as n8n's starter and `n8n-node lint` apply
// them — @n8n/eslint-plugin-community-nodes (self-hosted configuration) plus the older
// eslint-plugin-n8n-nodes-base rule sets for nodes, credentials and package.json.
import eslint from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const communityNodes = n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport;
const packageFiles = ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'];

export default tseslint.config(
	{
		ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**', 'test/.out/**', '**/*.js', '**/*.mjs'],
	},
	{
		files: ['**/*.ts'],
		extends: [eslint.configs.recommended, tseslint.configs.recommended],
		languageOptions: { parser: tseslint.parser, sourceType: 'module' },
		rules: {
			// `_name` marks a parameter kept for an interface's shape.
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{
		// Tests and benchmarks poke at untyped JSON on purpose (malformed documents, raw API answers).
		files: ['test/**/*.ts', 'bench/**/*.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' },
	},
	{
		// package.json is linted too: n8n's rules check its manifest (n8n section, keywords, peers).
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	{
		files: packageFiles,
		plugins: { ...communityNodes.plugins, 'n8n-nodes-base': n8nNodesBase },
		rules: communityNodes.rules,
	},
	{ files: ['nodes/**/*.ts'], rules: n8nNodesBase.configs.nodes.rules },
	{ files: ['credentials/**/*.ts'], rules: n8nNodesBase.configs.credentials.rules },
	{ files: ['package.json'], rules: n8nNodesBase.configs.community.rules },
	{
		// The ONE place where n8n's community rules are switched off, each with why.
		files: packageFiles,
		rules: {
			// Superseded rules of the older plugin, off exactly as n8n's own `n8n-node lint` has them:
			// they demand the string 'main' where n8n-workflow 2.x (and the newer
			// node-connection-type-literal rule) wants NodeConnectionTypes, and camelCase
			// documentation slugs where credential-documentation-url accepts a URL.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// Building a UBL e-invoice (XML writer, exact decimals, schema checks) and speaking SMTP
			// need libraries n8n-workflow does not offer: xmlbuilder2, decimal.js, zod (the version
			// n8n-workflow pins) and nodemailer. This package targets self-hosted n8n, where a
			// community package installs with its dependencies; the rule exists for n8n Cloud's
			// verified-node review, which this package does not aim for (it also opens SMTP sockets).
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			// The package has no public maintainer mailbox yet and we will not invent one: set
			// package.json author.email, then drop this line, before the first `npm publish`.
			'@n8n/community-nodes/valid-author': 'off',
		},
	},
);
