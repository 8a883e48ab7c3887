import { defineConfig } from 'vitest/config'

export default defineConfig({
	resolve: { alias: { '#app': new URL('./app', import.meta.url).pathname, '#tests': new URL('./tests', import.meta.url).pathname } },
	test: {
		include: ['app/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'scripts/**/*.test.{ts,mjs}', 'prisma/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		globalSetup: ['tests/setup/global-setup.ts'],
		setupFiles: ['tests/setup/setup-test-env.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 120_000,
		pool: 'forks',
	},
})
