// `npm test`: every check. Two lanes run side by side, each stopping at its first failure:
//   checks and browser: typecheck, lint, build, Playwright;
//   vitest:             unit + integration tests on SQLite and PostgreSQL, then the fault tests
//                       against the built server (npm run test:faults; the other lane has built
//                       it long before vitest ends).
// Why two lanes: vitest spends most of its ~8 minutes waiting on the databases, and the browser
// lane is one Chromium and one server; one after the other they took ~25 of CI's 30 minutes.
// Every test is written for a busy machine (limits catch hangs, not slowness), so running them
// together changes nothing but the wall time. `npm test -- --serial` runs the steps one by one.
// The browser lane prints as it goes; the vitest lane's output is kept in memory (Playwright
// empties test-results/ when it starts) and printed whole when each of its steps ends.
import { spawn } from 'node:child_process'
import { ensureClients } from './setup.mjs'

const root = new URL('..', import.meta.url).pathname
const serial = process.argv.includes('--serial')

const step = (label, command, args, env = {}) => ({ label, command, args, env })
const checksAndBrowser = [
	step('类型检查 (tsc)', 'npx', ['tsc']),
	step('代码检查 (eslint)', 'npx', ['eslint', '.', '--max-warnings', '0']),
	step('构建 (remix vite:build)', 'npx', ['remix', 'vite:build'], { NODE_ENV: 'production' }),
	step('端到端测试 (Playwright + Chromium)', 'npx', ['playwright', 'test']),
]
const vitest = [
	step('单元与集成测试 (vitest: SQLite + PostgreSQL)', 'npx', ['vitest', 'run']),
	step('故障测试 (服务器崩溃、SQLite 写锁、两个服务进程共用 PostgreSQL)', 'npx', ['vitest', 'run', '--config', 'vitest.faults.config.ts']),
]

function seconds(since) {
	return ((Date.now() - since) / 1000).toFixed(1)
}

/** Runs one step; its output goes to the terminal, or is kept and returned when `buffered`. */
function run({ command, args, env }, buffered) {
	return new Promise((resolve) => {
		const kept = []
		const child = spawn(command, args, { cwd: root, stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, ...env } })
		if (buffered) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => kept.push(chunk))
		child.on('error', (error) => resolve({ status: 1, output: String(error) }))
		child.on('close', (code, signal) => resolve({ status: code ?? (signal ? 1 : 0), output: Buffer.concat(kept).toString('utf8') }))
	})
}

/** The lane's steps in order, stopping at the first failure. Resolves to true when all passed. */
async function runLane(steps, { buffered }) {
	for (const current of steps) {
		const started = Date.now()
		if (!buffered) console.log(`\n=== ${current.label} ===`)
		const { status, output } = await run(current, buffered)
		if (buffered) console.log(`\n=== ${current.label}（与浏览器测试同时运行，输出如下）===\n${output}`)
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
	? [await runLane([checksAndBrowser[0], checksAndBrowser[1], vitest[0], checksAndBrowser[2], vitest[1], checksAndBrowser[3]], { buffered: false })]
	: await Promise.all([runLane(checksAndBrowser, { buffered: false }), runLane(vitest, { buffered: true })])
if (lanes.includes(false)) {
	console.error(`\n✗ 有检查未通过（共 ${seconds(started)} 秒）`)
	process.exit(1)
}
console.log(`\n全部检查通过（${seconds(started)} 秒）。`)
