import { defineConfig } from 'vitest/config'

// `npm run test:faults`: crashes and lock contention against the production server (build/),
// kept out of the main suite because every file starts real server processes and waits on
// real timeouts (SQLite's busy_timeout, the attempt sweep). Each file makes its own database.
export default defineConfig({
	resolve: { alias: { '#app': new URL('./app', import.meta.url).pathname, '#tests': new URL('./tests', import.meta.url).pathname } },
	test: {
		include: ['tests/faults/**/*.test.ts'],
		globalSetup: ['tests/faults/global-setup.ts'],
		environment: 'node',
		// The session cookies the tests sign must verify on the server they start; production
		// refuses a secret under 32 characters.
		env: { SESSION_SECRET: 'fault-tests-session-secret-0123456789abcdef' },
		// Limits catch a hang; most of a file's time is spent waiting on its server processes.
		testTimeout: 300_000,
		hookTimeout: 300_000,
		pool: 'forks',
		// The files wait on timeouts and child processes far more than they compute: all three
		// side by side keep the suite near the length of the longest one.
		maxWorkers: 3,
		fileParallelism: true,
	},
})
