// The exam-start surge (issue 13): N learners, already signed in, start one round within 60 s,
// then each autosaves every 10 s for 10 minutes, as the test page does — against the
// production server on loopback. The load generator runs in its own process
// (bench/surge-worker.mjs). Afterwards every save the server acknowledged ("applied") is looked
// for in the database: a row with a lower sequence number, or the same one with another answer,
// is a lost save. The server's resident memory (all its processes) is sampled every second.
// SQLite with one server process gives the top-level metrics; PostgreSQL with WEB_CONCURRENCY=2
// is reported beside it.
// Run: npx tsx bench/surge.bench.ts [--learners 5000] [--quick]   (--quick or BENCH_QUICK=1: 1 minute of saves)
//   env BENCH_PROVIDERS=sqlite,postgresql   → bench/results/surge.json
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { loadavg } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { prepareBenchDatabase, requestedServerVariants, runInOwnProcess, sampleRss, serverSnapshot, type ServerVariant, startBenchServer, stopBenchServer, writeBenchResult } from './bench-support.ts'

process.env.SESSION_SECRET = randomBytes(32).toString('hex')
process.env.NODE_ENV = 'production'

// --minutes and --start-seconds shorten a trial run; the figures use the defaults.
const { values: args } = parseArgs({
	options: { learners: { type: 'string', default: '5000' }, quick: { type: 'boolean', default: false }, minutes: { type: 'string' }, 'start-seconds': { type: 'string', default: '60' } },
})
const LEARNERS = Number(args.learners)
const QUICK = args.quick || process.env.BENCH_QUICK === '1'
const START_WINDOW_MS = Number(args['start-seconds']) * 1000
const SAVE_EVERY_MS = 10_000
const SAVE_MINUTES = Number(args.minutes ?? (QUICK ? 1 : 10))
const SAVES_PER_LEARNER = Math.round((SAVE_MINUTES * 60_000) / SAVE_EVERY_MS)
const QUESTIONS = 20
const PORT = Number(process.env.BENCH_PORT ?? 3490)
const TARGETS = { save_p99_ms: 50, errors: 0, lost: 0, rss_mb: 400 }
const { createDb } = await import('#app/utils/db-client.server.ts')
const { createSession, commitSessionCookie } = await import('#app/utils/session.server.ts')
const { createBankQuestions, createRound } = await import('#app/exams/rounds/test-fixtures.ts')
type Db = ReturnType<typeof createDb>

/** A published round of 20 single-choice questions open for hours, and N signed-in learners. */
async function seed(db: Db) {
	const unit = await db.unit.create({ data: { name: '压测单位', kind: 'department' } })
	await createBankQuestions(db, 'single', QUESTIONS + 10)
	const now = new Date()
	const round = await createRound(db, now, {
		closesAt: new Date(now.getTime() + 6 * 3600_000),
		timeLimitMinutes: 240,
		rules: [{ topic: 'fiscal', type: 'single', difficulty: null, count: QUESTIONS, pointsEach: 5 }],
	})
	const cookies: string[] = []
	for (let i = 0; i < LEARNERS; i++) {
		const user = await db.user.create({
			data: { username: `surge${i}`, name: `压测考生${i}`, unitId: unit.id, mustChangePassword: false, roles: { create: [{ role: 'learner' }] } },
		})
		const { token } = await createSession(db, user.id)
		cookies.push((await commitSessionCookie(token)).split(';')[0]!)
	}
	return { roundId: round.id, cookies }
}

type Percentiles = { count: number; p50: number | null; p90: number | null; p99: number | null; max: number | null }
type SurgeRun = {
	start: Percentiles
	startPost: Percentiles
	save: Percentiles
	outcomes: Record<string, number>
	errors: Record<string, number>
	generatorLateMsMax: number
	wallSeconds: number
	acknowledged: [string, { seq: number; answer: string }][]
}

/** Acknowledged saves that the database does not hold (or holds overtaken by an older one). */
async function countLost(db: Db, roundId: string, acknowledged: SurgeRun['acknowledged']) {
	const rows = await db.attemptQuestion.findMany({ where: { attempt: { roundId } }, select: { attemptId: true, position: true, seq: true, answer: true } })
	const stored = new Map(rows.map((row) => [`${row.attemptId}:${row.position}`, row]))
	let lost = 0
	for (const [key, ack] of acknowledged) {
		const row = stored.get(key)
		if (!row || row.seq < ack.seq || (row.seq === ack.seq && row.answer !== JSON.stringify(ack.answer))) lost++
	}
	return lost
}

async function runVariant({ provider, workers, label }: ServerVariant) {
	const database = await prepareBenchDatabase(provider, 'surge')
	const db = createDb(database.url)
	let server: ChildProcess | null = null
	try {
		const seedStarted = Date.now()
		const { roundId, cookies } = await seed(db)
		console.log(`${label}：${LEARNERS} 名考生已登录（${Math.round((Date.now() - seedStarted) / 1000)} s）`)
		server = await startBenchServer({ databaseUrl: database.url, port: PORT, workers, serverRoot: serverSnapshot() })
		const rss = sampleRss(server.pid!)
		const run = await runInOwnProcess<SurgeRun>(
			'bench/surge-worker.mjs',
			{ origin: `http://127.0.0.1:${PORT}`, roundId, cookies, startWindowMs: START_WINDOW_MS, saveEveryMs: SAVE_EVERY_MS, savesPerLearner: SAVES_PER_LEARNER, questions: QUESTIONS, timeoutMs: 30_000 },
			{ execArgv: ['--import', 'tsx'] },
		)
		const rssMb = rss.stop()
		const attempts = await db.attempt.count({ where: { roundId } })
		const lost = await countLost(db, roundId, run.acknowledged)
		const errors = Object.values(run.errors).reduce((sum, n) => sum + n, 0)
		const metrics = {
			start_p99_ms: run.start.p99 ?? NaN,
			save_p50_ms: run.save.p50 ?? NaN,
			save_p99_ms: run.save.p99 ?? NaN,
			saves: run.save.count,
			errors,
			lost,
			rss_mb: rssMb,
		}
		console.log(
			`${label}：开考 p99 ${metrics.start_p99_ms} ms；保存 ${metrics.saves} 次，p50 ${metrics.save_p50_ms} ms，p99 ${metrics.save_p99_ms} ms；` +
				`错误 ${errors}（${JSON.stringify(run.errors)}）；丢失 ${lost}；服务器内存峰值 ${rssMb} MB；负载 ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
		)
		return {
			label,
			provider,
			serverProcesses: workers,
			metrics,
			detail: {
				attemptsStarted: attempts,
				startMs: run.start,
				startPostOnlyMs: run.startPost,
				saveMs: run.save,
				outcomes: run.outcomes,
				errorsByKind: run.errors,
				acknowledgedChecked: run.acknowledged.length,
				generatorLateMsMax: run.generatorLateMsMax,
				wallSeconds: run.wallSeconds,
				loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100),
			},
		}
	} finally {
		if (server) await stopBenchServer(server)
		await db.$disconnect()
		await database.drop()
	}
}

const loadAverageAtStart = loadavg().map((l) => Math.round(l * 100) / 100)
const runs: Awaited<ReturnType<typeof runVariant>>[] = []

/** Written after each variant, so a later one that fails does not take the earlier figures with it. */
function write() {
	const primary = runs[0]!
	return writeBenchResult('surge', {
		metrics: primary.metrics,
		targets: TARGETS,
		parameters: {
			learners: LEARNERS,
			quick: QUICK,
			startWindowSeconds: START_WINDOW_MS / 1000,
			saveEverySeconds: SAVE_EVERY_MS / 1000,
			saveMinutes: SAVE_MINUTES,
			savesPerLearner: SAVES_PER_LEARNER,
			questionsPerPaper: QUESTIONS,
			startIs: 'POST the round (intent=start) and GET the paper it redirects to, as the browser does',
			saveLatencyIs: "the load generator's own: from sending the request to the response's last byte",
			rssIs: "peak resident memory of the server's process tree (primary and workers summed), sampled every second",
			metricsAreOf: primary.label,
		},
		loadAverageAtStart,
		variants: runs.map((run) => ({ label: run.label, metrics: run.metrics })),
		runs,
	})
}

for (const variant of await requestedServerVariants()) {
	runs.push(await runVariant(variant))
	console.log(`结果已写入 ${path.relative(process.cwd(), write())}`)
}
if (runs.length === 0) throw new Error('没有可测的数据库')
process.exit(runs.some((run) => run.metrics.lost > 0) ? 1 : 0)
