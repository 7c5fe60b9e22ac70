// Three projects so each layer runs alone: `npx jest --selectProjects unit` etc.
const transform = { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] };
const base = { preset: 'ts-jest', testEnvironment: 'node', transform };
module.exports = {
	projects: [
		{ ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
		{ ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
	],
};
