// `npm test`: every check, in order, stopping at the first failure:
// typecheck, lint, vitest (unit + integration on SQLite and PostgreSQL), build, fault tests
// against the built server (npm run test:faults), Playwright.
import { spawnSync } from 'node:child_process'
import { ensureClients } from './setup.mjs'

const root = new URL('..', import.meta.url).pathname
const steps = [
	['类型检查 (tsc)', 'npx', ['tsc']],
	['代码检查 (eslint)', 'npx', ['eslint', '.', '--max-warnings', '0']],
	['单元与集成测试 (vitest: SQLite + PostgreSQL)', 'npx', ['vitest', 'run']],
	['构建 (remix vite:build)', 'npx', ['remix', 'vite:build'], { NODE_ENV: 'production' }],
	['故障测试 (服务器崩溃、SQLite 写锁、两个服务进程共用 PostgreSQL)', 'npx', ['vitest', 'run', '--config', 'vitest.faults.config.ts']],
	['端到端测试 (Playwright + Chromium)', 'npx', ['playwright', 'test']],
]

ensureClients()
for (const [label, command, args, env] of steps) {
	console.log(`\n=== ${label} ===`)
	const started = Date.now()
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
	const seconds = ((Date.now() - started) / 1000).toFixed(1)
	if (result.status !== 0) {
		console.error(`\n✗ ${label} 失败（${seconds} 秒）`)
		process.exit(result.status ?? 1)
	}
	console.log(`✓ ${label}（${seconds} 秒）`)
}
console.log('\n全部检查通过。')
