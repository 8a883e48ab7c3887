import { defineConfig } from 'vitest/config'

export default defineConfig({
	resolve: { alias: { '#app': new URL('./app', import.meta.url).pathname, '#tests': new URL('./tests', import.meta.url).pathname } },
	test: {
		include: ['app/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'scripts/**/*.test.{ts,mjs}', 'prisma/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/security/**/*.test.ts'],
		globalSetup: ['tests/setup/global-setup.ts'],
		setupFiles: ['tests/setup/setup-test-env.ts'],
		environment: 'node',
		// Limits catch a hang; they do not measure speed. They fit a busy 2-core machine (CI beside
		// another build), where a test that takes 5 s alone has taken over 30 s. Tests that drive a
		// real CLI or server set their own, longer limit (CLI_TEST_TIMEOUT in tests/cli.ts).
		testTimeout: 120_000,
		hookTimeout: 180_000,
		pool: 'forks',
		// Vitest's default is one worker fewer than the cores, i.e. ONE on this 2-core machine, though
		// most of a test's time is spent waiting on SQLite, PostgreSQL or a child process. Each worker
		// gets its own copy of the template databases (tests/db-utils.ts), so two can run side by side:
		// the suite took 578 s in CI with one worker, close to the 30-minute budget with the browser tests.
		maxWorkers: 2,
	},
})
