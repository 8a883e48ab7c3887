// The answer save path under load: the production server on loopback, many learners saving
// at once through POST /exams/attempts/:id/answers (ADR 031). Reports throughput and latency
// per provider and concurrency, and checks that every save the server acknowledged
// ("applied") is still in the database afterwards — with a retry storm in the mix. The load
// generator runs in its own process (bench/save-load-worker.mjs).
// Run: npm run bench -- answer-save  (or npx tsx bench/answer-save.bench.ts)
//   env BENCH_PROVIDERS=sqlite,postgresql  BENCH_CONNECTIONS=1,50,200  BENCH_LEARNERS=300  BENCH_SECONDS=15
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { prepareBenchDatabase, requestedProviders, runInOwnProcess, startBenchServer, stopBenchServer } from './bench-support.ts'

process.env.SESSION_SECRET = randomBytes(32).toString('hex')
process.env.NODE_ENV = 'production'

const root = path.resolve(import.meta.dirname, '..')
const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 300)
const QUESTIONS = 20
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15)
/** 1 connection shows the cost of one save without queueing; 50 and 200 show the surge. */
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,50,200').split(',').map(Number)
const PORT = Number(process.env.BENCH_PORT ?? 3450)
/** Informational target for one save at 200 concurrent connections on this 2-core box. */
const TARGET_P99_MS = 500

const { ensureBuild } = await import('../scripts/setup.mjs')
const { createDb } = await import('#app/utils/db-client.server.ts')
const { seedSitters } = await import('./save-sitters.ts')
type Db = Awaited<ReturnType<typeof createDb>>
type Sitter = Awaited<ReturnType<typeof seedSitters>>[number]

type Scenario = { name: string; connections: number; retryStorm: boolean }
type ScenarioRun = {
	result: { requests: { total: number; average: number }; latency: { p50: number; p90: number; p99: number; max: number }; errors: number; timeouts: number }
	acknowledged: Map<string, { seq: number; answer: string }>
	outcomes: Record<string, number>
	seqUsed: number
}

async function runScenario(sitters: Sitter[], scenario: Scenario, seqBase: number): Promise<ScenarioRun> {
	const run = await runInOwnProcess<Omit<ScenarioRun, 'acknowledged'> & { acknowledged: [string, { seq: number; answer: string }][] }>('bench/save-load-worker.mjs', {
		origin: `http://127.0.0.1:${PORT}`,
		sitters,
		connections: scenario.connections,
		seconds: SECONDS,
		questions: QUESTIONS,
		retryStorm: scenario.retryStorm,
		seqBase,
	})
	return { ...run, acknowledged: new Map(run.acknowledged) }
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

ensureBuild()
const providers = await requestedProviders()

const results = []
for (const provider of providers) {
	const database = await prepareBenchDatabase(provider, 'save')
	const db = createDb(database.url)
	let server: ChildProcess | null = null
	try {
		const seedStart = Date.now()
		const sitters = await seedSitters(db, { learners: LEARNERS, questions: QUESTIONS })
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
