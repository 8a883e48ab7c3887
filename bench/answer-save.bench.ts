// The answer save path under load: the production server on loopback, many learners saving
// at once through POST /exams/attempts/:id/answers (ADR 031). Reports throughput and latency
// per provider and concurrency, and checks that every save the server acknowledged
// ("applied") is still in the database afterwards — with a retry storm in the mix.
// Run: npm run bench -- answer-save  (or npx tsx bench/answer-save.bench.ts)
//   env BENCH_PROVIDERS=sqlite,postgresql  BENCH_LEARNERS=300  BENCH_SECONDS=15
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { prepareBenchDatabase, startBenchServer, stopBenchServer } from './bench-support.ts'

process.env.SESSION_SECRET = randomBytes(32).toString('hex')
process.env.NODE_ENV = 'production'

const root = path.resolve(import.meta.dirname, '..')
const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 300)
const QUESTIONS = 20
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15)
/** 1 connection shows the cost of one save without queueing; 50 and 200 show the surge. */
const CONNECTIONS = [1, 50, 200]
const PORT = Number(process.env.BENCH_PORT ?? 3450)
const adminPostgresUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
/** Informational target for one save at 200 concurrent connections on this 2-core box. */
const TARGET_P99_MS = 500

const { ensureBuild } = await import('../scripts/setup.mjs')
const { createDb } = await import('#app/utils/db-client.ts')
const { createSession, commitSessionCookie } = await import('#app/utils/session.server.ts')
const { createBankQuestions, createRound } = await import('#app/exams/rounds/test-fixtures.ts')
const { startAttempt } = await import('#app/exams/attempts/start-attempt.ts')
type Db = Awaited<ReturnType<typeof createDb>>


type Sitter = { attemptId: string; cookie: string }

async function seed(db: Db): Promise<Sitter[]> {
	const unit = await db.unit.create({ data: { name: '压测单位', kind: 'department' } })
	await createBankQuestions(db, 'single', QUESTIONS + 10)
	const now = new Date()
	const round = await createRound(db, now, { closesAt: new Date(now.getTime() + 6 * 3600_000), timeLimitMinutes: 240, rules: [{ topic: 'fiscal', type: 'single', difficulty: null, count: QUESTIONS, pointsEach: 5 }] })
	const sitters: Sitter[] = []
	for (let i = 0; i < LEARNERS; i++) {
		const user = await db.user.create({
			data: { username: `bench${i}`, name: `压测考生${i}`, unitId: unit.id, mustChangePassword: false, roles: { create: [{ role: 'learner' }] } },
		})
		const started = await startAttempt(db, { roundId: round.id, candidate: { id: user.id, unitId: unit.id, roles: ['learner'] }, now })
		if (!started.ok) throw new Error(started.message)
		const { token } = await createSession(db, user.id)
		const cookie = (await commitSessionCookie(token)).split(';')[0]!
		sitters.push({ attemptId: started.attemptId, cookie })
	}
	return sitters
}



type Scenario = { name: string; connections: number; retryStorm: boolean }

async function runScenario(sitters: Sitter[], scenario: Scenario, seqBase: number) {
	let counter = 0
	const acknowledged = new Map<string, { seq: number; answer: string }>()
	const outcomes: Record<string, number> = {}
	const origin = `http://127.0.0.1:${PORT}`
	const result = await autocannon({
		url: origin,
		connections: scenario.connections,
		duration: SECONDS,
		requests: [
			{
				method: 'POST',
				setupRequest: (request, rawContext) => {
					const context = rawContext as { pending?: unknown }
					// A retry storm sends every save twice: the second must be a harmless no-op.
					const n = scenario.retryStorm ? Math.floor(counter / 2) : counter
					counter++
					const sitter = sitters[n % sitters.length]!
					const round = Math.floor(n / sitters.length)
					const position = (round % QUESTIONS) + 1
					const seq = seqBase + round + 1
					const answer = 'ABCD'[n % 4]!
					context.pending = { key: `${sitter.attemptId}:${position}`, seq, answer }
					return {
						...request,
						path: `/exams/attempts/${sitter.attemptId}/answers`,
						headers: { 'content-type': 'application/json', cookie: sitter.cookie, origin },
						body: JSON.stringify({ position, seq, answer }),
					}
				},
				onResponse: (status, body, rawContext) => {
					const context = rawContext as { pending?: unknown }
					let kind = String(status)
					if (status === 200) {
						const parsed = JSON.parse(body) as { status: string; seq: number }
						kind = parsed.status
						const pending = context.pending as { key: string; seq: number; answer: string }
						if (parsed.status === 'applied') {
							const previous = acknowledged.get(pending.key)
							if (!previous || previous.seq < pending.seq) acknowledged.set(pending.key, { seq: pending.seq, answer: pending.answer })
						}
					}
					outcomes[kind] = (outcomes[kind] ?? 0) + 1
				},
			},
		],
	})
	return { result, acknowledged, outcomes, seqUsed: Math.ceil(counter / sitters.length) + 1 }
}

/** Every acknowledged save must still be stored (or overtaken by a higher sequence number). */
async function lostAcknowledged(db: Db, acknowledged: Map<string, { seq: number; answer: string }>) {
	const rows = await db.attemptQuestion.findMany({ select: { attemptId: true, position: true, seq: true, answer: true } })
	const stored = new Map(rows.map((r) => [`${r.attemptId}:${r.position}`, r]))
	let lost = 0
	for (const [key, ack] of acknowledged) {
		const row = stored.get(key)
		if (!row || row.seq < ack.seq || (row.seq === ack.seq && row.answer !== JSON.stringify(ack.answer))) lost++
	}
	return lost
}

async function postgresReachable() {
	const client = new pg.Client({ connectionString: adminPostgresUrl })
	try {
		await client.connect()
		await client.end()
		return true
	} catch {
		return false
	}
}

ensureBuild()
const requested = (process.env.BENCH_PROVIDERS ?? 'sqlite,postgresql').split(',') as ('sqlite' | 'postgresql')[]
const providers: ('sqlite' | 'postgresql')[] = []
for (const provider of requested) if (provider === 'sqlite' || (await postgresReachable())) providers.push(provider)

const results = []
for (const provider of providers) {
	const database = await prepareBenchDatabase(provider, 'save')
	const db = createDb(database.url)
	let server: ChildProcess | null = null
	try {
		const seedStart = Date.now()
		const sitters = await seed(db)
		console.log(`${provider}: ${LEARNERS} 名考生已开考（${Date.now() - seedStart} ms）`)
		server = await startBenchServer({ databaseUrl: database.url, port: PORT })
		let seqBase = 0
		const scenarios: Scenario[] = [
			...CONNECTIONS.map((connections) => ({ name: `saves-${connections}`, connections, retryStorm: false })),
			{ name: 'retry-storm-200', connections: 200, retryStorm: true },
		]
		for (const scenario of scenarios) {
			const run = await runScenario(sitters, scenario, seqBase)
			seqBase += run.seqUsed
			const lost = await lostAcknowledged(db, run.acknowledged)
			const { latency, requests } = run.result
			const entry = {
				provider,
				scenario: scenario.name,
				connections: scenario.connections,
				seconds: SECONDS,
				learners: LEARNERS,
				requests: run.result.requests.total,
				requestsPerSecond: Math.round(requests.average),
				latencyMs: { p50: latency.p50, p90: latency.p90, p99: latency.p99, max: latency.max },
				errors: run.result.errors,
				timeouts: run.result.timeouts,
				outcomes: run.outcomes,
				acknowledgedRowsChecked: run.acknowledged.size,
				lostAcknowledged: lost,
				withinTarget: latency.p99 <= TARGET_P99_MS && lost === 0 && run.result.errors === 0,
			}
			console.log(JSON.stringify(entry))
			results.push(entry)
		}
	} finally {
		if (server) await stopBenchServer(server)
		await db.$disconnect()
		await database.drop()
	}
}

mkdirSync(path.join(root, 'bench/results'), { recursive: true })
writeFileSync(
	path.join(root, 'bench/results/answer-save.json'),
	`${JSON.stringify({ benchmark: 'answer-save', date: new Date().toISOString(), node: process.version, targetP99Ms: TARGET_P99_MS, results }, null, '\t')}\n`,
)
const lostTotal = results.reduce((s, r) => s + r.lostAcknowledged, 0)
if (lostTotal > 0) {
	console.error(`✗ ${lostTotal} 个已确认保存的答案丢失`)
	process.exit(1)
}
