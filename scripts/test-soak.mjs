// `npm run test:soak`: proves the suites pass on a busy machine, not only on an idle one.
// While one CPU burner per core keeps every core at 100 %, it runs vitest (default 3 times)
// and Playwright (default 5 times) in a row, then prints one line per run and writes
// test-results/soak.json. Exit code 1 if any run failed.
//   npm run test:soak -- --unit-runs 3 --e2e-runs 5 [--burners 2]
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { ensureClients } from './setup.mjs'

const root = new URL('..', import.meta.url).pathname

function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`)
	if (index < 0) return fallback
	const value = Number(process.argv[index + 1])
	if (!Number.isInteger(value) || value < 0) {
		console.error(`--${name} 需要一个非负整数`)
		process.exit(2)
	}
	return value
}

const unitRuns = option('unit-runs', 3)
const e2eRuns = option('e2e-runs', 5)
const burnerCount = option('burners', availableParallelism())

// A burner spins on arithmetic and allocates, like a build does, until it is killed or the
// soak run that started it is gone (killed with -9, it cannot stop them itself).
const BURNER = `let a = []; for (let i = 1; ; i++) { a.push(Math.sqrt(Math.random()) * 1e6); if (a.length > 1e5) a = []; if (i % 1e7 === 0 && process.ppid !== ${process.pid}) process.exit() }`
const burners = Array.from({ length: burnerCount }, () => spawn(process.execPath, ['-e', BURNER], { stdio: 'ignore' }))
const stopBurners = () => burners.forEach((burner) => burner.kill('SIGKILL'))
process.on('exit', stopBurners)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130))

function run(label, command, args, env = {}) {
	const load = loadavg()[0]
	const started = Date.now()
	console.log(`\n=== ${label}（负载 ${load.toFixed(1)}，${burnerCount} 个占满 CPU 的进程）===`)
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, CI: '1', ...env } })
	const seconds = Math.round((Date.now() - started) / 1000)
	return { label, passed: result.status === 0, seconds, loadAtStart: Number(load.toFixed(2)), loadAtEnd: Number(loadavg()[0].toFixed(2)) }
}

ensureClients()
const build = spawnSync('npx', ['remix', 'vite:build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
if (build.status !== 0) process.exit(build.status ?? 1)

const results = []
for (let i = 1; i <= unitRuns; i++) results.push(run(`vitest 第 ${i}/${unitRuns} 次`, 'npx', ['vitest', 'run']))
for (let i = 1; i <= e2eRuns; i++) results.push(run(`Playwright 第 ${i}/${e2eRuns} 次`, 'npx', ['playwright', 'test']))
stopBurners()

console.log('\n=== 压力下的重复运行 ===')
for (const r of results) console.log(`${r.passed ? '✓' : '✗'} ${r.label}：${r.seconds} 秒，负载 ${r.loadAtStart} → ${r.loadAtEnd}`)
mkdirSync(`${root}/test-results`, { recursive: true })
writeFileSync(`${root}/test-results/soak.json`, `${JSON.stringify({ at: new Date().toISOString(), cores: availableParallelism(), burners: burnerCount, results }, null, 2)}\n`)
const failed = results.filter((r) => !r.passed).length
console.log(`${results.length - failed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
