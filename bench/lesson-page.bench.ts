// The lesson page: (1) the first compile of each seed lesson, in a process whose compiler
// is loaded (and, separately, the one-off cost of loading it); (2) the production server
// answering a cached lesson page at 200 requests/s: time to first byte, measured by a
// sampler riding along an autocannon load (in its own process), both cycling through 200
// learners' sessions, so no reader's own data is ever the same twice in a row and the page
// comes from the shared lesson document (ADR 036) with each reader's part. Targets: first compile
// < 300 ms, median TTFB < 10 ms. Also checks that the load compiled nothing (no bundle row
// was added). Each provider is measured with one server process and with WEB_CONCURRENCY=2.
// Run: npm run bench -- lesson-page  (or npx tsx bench/lesson-page.bench.ts)
//   env BENCH_PROVIDERS=sqlite,postgresql  BENCH_WORKERS=1,2  BENCH_SECONDS=20  BENCH_RATES=20,200
// The target rate is 200/s; the lighter rate shows the time a request takes without queueing.
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { cpus, loadavg } from 'node:os'
import path from 'node:path'
import { median, percentile, postgresReachable, prepareBenchDatabase, runInOwnProcess, startBenchServer, stopBenchServer } from './bench-support.ts'

process.env.SESSION_SECRET = randomBytes(32).toString('hex')
process.env.NODE_ENV = 'production'

const root = path.resolve(import.meta.dirname, '..')
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20)
const RATES = (process.env.BENCH_RATES ?? '20,200').split(',').map(Number)
const WORKER_COUNTS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number)
const TARGET_RATE = 200
/** The sampler's share of the rate; autocannon sends the rest. */
const SAMPLE_RATE = 10
const PORT = Number(process.env.BENCH_PORT ?? 3460)
const LESSON_PATH = '/learn/courses/fixed-asset-investment-audit/epc-projects'
const TARGET_TTFB_MS = 10
const TARGET_COMPILE_MS = 300

const { ensureBuild } = await import('../scripts/setup.mjs')
const { createDb } = await import('#app/utils/db-client.server.ts')
const { createSession, commitSessionCookie } = await import('#app/utils/session.server.ts')
const { prepareCourseContent } = await import('#app/courses/content-startup.server.ts')
const { storedLessonBody } = await import('#app/courses/mdx/check-lesson.server.ts')
const { PERSONAL_ISLAND_ID } = await import('#app/courses/personal-island.ts')
type Db = ReturnType<typeof createDb>

const round = (value: number) => Math.round(value * 100) / 100

/** Every seed lesson compiled once; the first call also pays for loading the compiler. */
async function measureFirstCompiles() {
	const started = performance.now()
	const { compileLessonBody } = await import('#app/courses/mdx/compile.server.ts')
	await compileLessonBody('# 预热')
	const loadMs = performance.now() - started
	const samples: { lesson: string; ms: number }[] = []
	const contentRoot = path.join(root, 'content/courses')
	for (const course of readdirSync(contentRoot, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
		for (const file of readdirSync(path.join(contentRoot, course.name)).filter((name) => name.endsWith('.mdx'))) {
			const body = storedLessonBody(readFileSync(path.join(contentRoot, course.name, file), 'utf8'))
			const t = performance.now()
			await compileLessonBody(body)
			samples.push({ lesson: `${course.name}/${file}`, ms: round(performance.now() - t) })
		}
	}
	const medianMs = median(samples.map((s) => s.ms))
	return { compilerLoadMs: round(loadMs), medianMs, maxMs: Math.max(...samples.map((s) => s.ms)), targetMs: TARGET_COMPILE_MS, withinTarget: medianMs < TARGET_COMPILE_MS, samples }
}

/** Readers with the same roles; the load cycles through them, as a class reading one lesson would. */
const READERS = Number(process.env.BENCH_READERS ?? 200)

async function seedLearners(db: Db) {
	await prepareCourseContent(db)
	const unit = await db.unit.create({ data: { name: '压测单位', kind: 'department' } })
	const cookies: string[] = []
	for (let i = 0; i < READERS; i++) {
		const user = await db.user.create({
			data: { username: `bench-learner-${i}`, name: `压测学员${i}`, unitId: unit.id, mustChangePassword: false, roles: { create: [{ role: 'learner' }] } },
		})
		const { token } = await createSession(db, user.id)
		cookies.push((await commitSessionCookie(token)).split(';')[0]!)
	}
	return cookies
}

/** Time from sending the request to the response's first byte (status line and headers). */
function timeToFirstByte(agent: http.Agent, cookie: string) {
	return new Promise<{ ms: number; status: number }>((resolve, reject) => {
		const started = process.hrtime.bigint()
		const request = http.get({ host: '127.0.0.1', port: PORT, path: LESSON_PATH, agent, headers: { cookie } }, (response) => {
			const ms = Number(process.hrtime.bigint() - started) / 1e6
			response.resume()
			response.on('end', () => resolve({ ms, status: response.statusCode ?? 0 }))
		})
		request.on('error', reject)
	})
}

type LoadResult = { latency: { p50: number; p97_5: number; p99: number; mean: number }; requestsPerSecond: number; non2xx: number; errors: number }

/** Each autocannon connection cycles through every reader's cookie. */
function runLoad({ cookies, ...options }: { url: string; cookies: string[]; connections: number; duration: number; overallRate?: number }) {
	const requests = cookies.map((cookie) => ({ method: 'GET', headers: { cookie } }))
	return runInOwnProcess<LoadResult>('bench/load-worker.mjs', { ...options, requests })
}

async function sampleWhile(load: Promise<unknown>, cookies: string[]) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 4 })
	const samples: number[] = []
	const failures: number[] = []
	let running = true
	void load.finally(() => (running = false))
	while (running) {
		const tick = Date.now()
		const { ms, status } = await timeToFirstByte(agent, cookies[(samples.length + failures.length) % cookies.length]!)
		if (status === 200) samples.push(ms)
		else failures.push(status)
		await new Promise((r) => setTimeout(r, Math.max(0, 1000 / SAMPLE_RATE - (Date.now() - tick))))
	}
	agent.destroy()
	return { samples, failures }
}

async function measureCachedPage(provider: 'sqlite' | 'postgresql', workers: number) {
	const database = await prepareBenchDatabase(provider, 'lesson')
	const db = createDb(database.url)
	let server: ChildProcess | null = null
	try {
		const cookies = await seedLearners(db)
		const bundlesBefore = await db.compiledLessonBundle.count()
		server = await startBenchServer({ databaseUrl: database.url, port: PORT, workers })
		const url = `http://127.0.0.1:${PORT}${LESSON_PATH}`
		const first = await fetch(url, { headers: { cookie: cookies[0]! } })
		if (first.status !== 200) throw new Error(`lesson page answered ${first.status}`)
		// Fills every server process's memory cache and warms the JIT.
		await runLoad({ url, cookies, connections: 10, duration: 3 })
		const pageOfLast = await (await fetch(url, { headers: { cookie: cookies.at(-1)! } })).text()
		const servedShared = pageOfLast.includes(`<script id="${PERSONAL_ISLAND_ID}"`) && pageOfLast.includes(`"name":"压测学员${READERS - 1}"`)

		const runs = []
		for (const rate of RATES) {
			const load = runLoad({ url, cookies, connections: 20, overallRate: rate - SAMPLE_RATE, duration: SECONDS })
			const [result, sampled] = await Promise.all([load, sampleWhile(load, cookies)])
			const ttfb = { p50: round(median(sampled.samples)), p90: round(percentile(sampled.samples, 90)), p99: round(percentile(sampled.samples, 99)), samples: sampled.samples.length }
			const achieved = round(result.requestsPerSecond + SAMPLE_RATE)
			runs.push({
				requestsPerSecond: rate,
				seconds: SECONDS,
				ttfbMs: ttfb,
				autocannonLatencyMs: { ...result.latency, mean: round(result.latency.mean) },
				achievedRequestsPerSecond: achieved,
				non2xx: result.non2xx + sampled.failures.length,
				errors: result.errors,
			})
			console.log(`${provider}，${workers} 个服务进程 @${rate}/s：TTFB 中位数 ${ttfb.p50} ms（p90 ${ttfb.p90}，p99 ${ttfb.p99}），实际 ${achieved} 次/秒`)
		}
		const bundlesAdded = (await db.compiledLessonBundle.count()) - bundlesBefore
		const atTarget = runs.find((run) => run.requestsPerSecond === TARGET_RATE)
		return {
			provider,
			serverProcesses: workers,
			path: LESSON_PATH,
			readers: READERS,
			servedFromSharedDocument: servedShared,
			runs,
			bundlesAddedDuringLoad: bundlesAdded,
			targetTtfbMs: TARGET_TTFB_MS,
			withinTarget: Boolean(atTarget && atTarget.ttfbMs.p50 < TARGET_TTFB_MS && atTarget.non2xx === 0) && bundlesAdded === 0,
		}
	} finally {
		if (server) await stopBenchServer(server)
		await db.$disconnect()
		await database.drop()
	}
}

ensureBuild()
/** The machine is shared: the load average says how much of it this run had. */
const loadBefore = loadavg().map(round)
const firstCompile = await measureFirstCompiles()
console.log(`首次编译：加载编译器 ${firstCompile.compilerLoadMs} ms；课时首次编译中位数 ${firstCompile.medianMs} ms，最长 ${firstCompile.maxMs} ms`)

const requested = (process.env.BENCH_PROVIDERS ?? 'sqlite,postgresql').split(',') as ('sqlite' | 'postgresql')[]
const cachedPage = []
for (const provider of requested) {
	if (provider === 'postgresql' && !(await postgresReachable())) continue
	for (const workers of WORKER_COUNTS) cachedPage.push(await measureCachedPage(provider, workers))
}

const report = { benchmark: 'lesson-page', date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadAverage: { before: loadBefore, after: loadavg().map(round) }, firstCompile, cachedPage }
mkdirSync(path.join(root, 'bench/results'), { recursive: true })
writeFileSync(path.join(root, 'bench/results/lesson-page.json'), `${JSON.stringify(report, null, '\t')}\n`)
console.log('结果已写入 bench/results/lesson-page.json')
process.exit(0)
