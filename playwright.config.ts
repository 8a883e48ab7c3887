import { existsSync } from 'node:fs'
import { defineConfig, devices } from '@playwright/test'

const PORT = Number(process.env.E2E_PORT ?? 3100)

/** Debian's chromium where it exists (offline machines), else Playwright's own download. */
function chromiumExecutable() {
	for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
		if (candidate && existsSync(candidate)) return candidate
	}
	return undefined
}

export default defineConfig({
	testDir: './tests/e2e',
	testMatch: '**/*.test.ts',
	// Limits catch a hang, not slowness: on a busy 2-core machine a page that hydrates in 1 s
	// alone can take several, and one journey signs in several people.
	timeout: 120_000,
	expect: { timeout: 20_000 },
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	use: {
		baseURL: `http://localhost:${PORT}`,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				viewport: { width: 1366, height: 768 },
				launchOptions: {
					executablePath: chromiumExecutable(),
					args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
				},
			},
		},
	],
	webServer: {
		command: 'node scripts/e2e-server.mjs',
		url: `http://localhost:${PORT}/login`,
		reuseExistingServer: !process.env.CI,
		timeout: 240_000,
		stdout: 'pipe',
		stderr: 'pipe',
		env: { E2E_PORT: String(PORT) },
	},
})
