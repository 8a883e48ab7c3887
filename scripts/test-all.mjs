// `npm test`: every check. Two lanes run side by side, each stopping at its first failure:
//   checks and browser: typecheck, lint, build, fault tests against the built server
//                       (npm run test:faults), Playwright;
//   vitest:             unit + integration tests on SQLite and PostgreSQL.
// Why two lanes: vitest spends most of its ~8 minutes waiting on the databases, and the browser
// lane is one Chromium and one server; one after the other they took ~25 of CI's 30 minutes.
// Every test is written for a busy machine (limits catch hangs, not slowness), so running them
// together changes nothing but the wall time. `npm test -- --serial` runs the steps one by one.
// The browser lane prints as it goes; vitest's output is kept and printed whole when it ends.
import { spawn } from 'node:child_process'
import { mkdirSync, openSync, readFileSync } from 'node:fs'
import { ensureClients } from './setup.mjs'

const root = new URL('..', import.meta.url).pathname
const serial = process.argv.includes('--serial')

const step = (label, command, args, env = {}) => ({ label, command, args, env })
const checksAndBrowser = [
	step('类型检查 (tsc)', 'npx', ['tsc']),
	step('代码检查 (eslint)', 'npx', ['eslint', '.', '--max-warnings', '0']),
	step('构建 (remix vite:build)', 'npx', ['remix', 'vite:build'], { NODE_ENV: 'production' }),
	step('故障测试 (服务器崩溃、SQLite 写锁、两个服务进程共用 PostgreSQL)', 'npx', ['vitest', 'run', '--config', 'vitest.faults.config.ts']),
	step('端到端测试 (Playwright + Chromium)', 'npx', ['playwright', 'test']),
]
const vitest = [step('单元与集成测试 (vitest: SQLite + PostgreSQL)', 'npx', ['vitest', 'run'])]

function seconds(since) {
	return ((Date.now() - since) / 1000).toFixed(1)
}

/** Runs one step; its output goes to the terminal, or to `logFile` when given. Resolves to its exit status. */
function run({ command, args, env }, logFile) {
	return new Promise((resolve) => {
		const out = logFile ? openSync(logFile, 'w') : 'inherit'
		const child = spawn(command, args, { cwd: root, stdio: ['ignore', out, out], env: { ...process.env, ...env } })
		child.on('error', () => resolve(1))
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
	})
}

/** The lane's steps in order, stopping at the first failure. Resolves to true when all passed. */
async function runLane(steps, { buffered }) {
	for (const current of steps) {
		const started = Date.now()
		if (!buffered) console.log(`\n=== ${current.label} ===`)
		const logFile = buffered ? `${root}test-results/${current.args[0]}-lane.log` : undefined
		if (logFile) mkdirSync(`${root}test-results`, { recursive: true })
		const status = await run(current, logFile)
		if (logFile) console.log(`\n=== ${current.label}（与浏览器测试同时运行，输出如下）===\n${readFileSync(logFile, 'utf8')}`)
		if (status !== 0) {
			console.error(`\n✗ ${current.label} 失败（${seconds(started)} 秒）`)
			return false
		}
		console.log(`✓ ${current.label}（${seconds(started)} 秒）`)
	}
	return true
}

ensureClients()
const started = Date.now()
const lanes = serial
	? [await runLane([...checksAndBrowser.slice(0, 2), ...vitest, ...checksAndBrowser.slice(2)], { buffered: false })]
	: await Promise.all([runLane(checksAndBrowser, { buffered: false }), runLane(vitest, { buffered: true })])
if (lanes.includes(false)) {
	console.error(`\n✗ 有检查未通过（共 ${seconds(started)} 秒）`)
	process.exit(1)
}
console.log(`\n全部检查通过（${seconds(started)} 秒）。`)
