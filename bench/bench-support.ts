// What every benchmark needs: a throwaway migrated database per provider, and medians.
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os'
import path from 'node:path'
import pg from 'pg'

const root = path.resolve(import.meta.dirname, '..')
const adminPostgresUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

/** A fresh, migrated database; `drop()` removes it. */
export async function prepareBenchDatabase(provider: 'sqlite' | 'postgresql', label: string) {
	const tag = `bench_${label}_${Date.now().toString(36)}`
	const migrate = (url: string) => execFileSync('npx', ['prisma', 'migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe' })
	if (provider === 'sqlite') {
		const dir = path.join(tmpdir(), tag)
		mkdirSync(dir, { recursive: true })
		const url = `file:${path.join(dir, 'bench.db')}`
		migrate(url)
		return { url, drop: async () => rmSync(dir, { recursive: true, force: true }) }
	}
	const database = new URL(adminPostgresUrl)
	database.pathname = `/${tag}`
	const url = database.toString()
	migrate(url)
	return {
		url,
		drop: async () => {
			const client = new pg.Client({ connectionString: adminPostgresUrl })
			await client.connect()
			await client.query(`DROP DATABASE IF EXISTS "${tag}" WITH (FORCE)`)
			await client.end()
		},
	}
}

/** Whether the PostgreSQL server the benchmarks create databases on answers at all. */
export async function postgresReachable() {
	const client = new pg.Client({ connectionString: adminPostgresUrl })
	try {
		await client.connect()
		await client.end()
		return true
	} catch {
		return false
	}
}

/** The databases BENCH_PROVIDERS names (default both), leaving out PostgreSQL, with a warning, when it does not answer. */
export async function requestedProviders(): Promise<('sqlite' | 'postgresql')[]> {
	const requested = (process.env.BENCH_PROVIDERS ?? 'sqlite,postgresql').split(',')
	const providers: ('sqlite' | 'postgresql')[] = []
	if (requested.includes('sqlite')) providers.push('sqlite')
	if (requested.includes('postgresql')) {
		if (await postgresReachable()) providers.push('postgresql')
		else console.warn('PostgreSQL 不可达：只测 SQLite')
	}
	return providers
}

/** The two set-ups the page benchmarks compare: SQLite in one process, PostgreSQL shared by two (ADR 013). */
const SERVER_VARIANTS = [
	{ provider: 'sqlite', workers: 1, label: 'SQLite, 1 process' },
	{ provider: 'postgresql', workers: 2, label: 'PostgreSQL, WEB_CONCURRENCY=2' },
] as const
export type ServerVariant = (typeof SERVER_VARIANTS)[number]

/** The server set-ups of the databases requestedProviders() gives. */
export async function requestedServerVariants(): Promise<ServerVariant[]> {
	const providers = await requestedProviders()
	return SERVER_VARIANTS.filter((variant) => providers.includes(variant.provider))
}

/** The lower median, so it is always a measured value. */
export function median(values: number[]) {
	const sorted = [...values].sort((a, b) => a - b)
	return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : NaN
}

export function percentile(values: number[], p: number) {
	const sorted = [...values].sort((a, b) => a - b)
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN
}

let snapshot: string | undefined

/**
 * A private copy of the production build and the server that serves it (node_modules linked),
 * taken under a shared hold of the build lock so it is never half-written. A long benchmark
 * serves from it, so someone rebuilding build/ on this shared machine meanwhile cannot pull a
 * file from under its server (the lesson worker, a restart's index.js). Removed at exit.
 */
export function serverSnapshot() {
	if (snapshot) return snapshot
	const dir = mkdtempSync(path.join(tmpdir(), 'bench-server-'))
	execFileSync('flock', ['-s', '/tmp/hongshen-build.lock', 'cp', '-r', 'build', 'server', 'server.mjs', 'package.json', dir], { cwd: root })
	symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'))
	process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
	snapshot = dir
	return dir
}

/** The production server on loopback against `databaseUrl`, once it answers; from `serverRoot` (a snapshot) if given. */
export async function startBenchServer({ databaseUrl, port, workers = 1, serverRoot = root }: { databaseUrl: string; port: number; workers?: number; serverRoot?: string }) {
	const server = spawn('node', ['server.mjs'], {
		cwd: serverRoot,
		env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', SECURE_COOKIES: 'false', WEB_CONCURRENCY: String(workers) },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	server.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk))
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`http://127.0.0.1:${port}/login`)).ok) return server
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200))
	}
	server.kill()
	throw new Error('server did not start')
}

export function stopBenchServer(server: ChildProcess) {
	return new Promise<void>((resolve) => {
		server.once('exit', () => resolve())
		server.kill('SIGTERM')
	})
}

/**
 * Runs a load script (bench/*-worker.mjs) in a process of its own, so the load generator
 * shares no event loop with the benchmark measuring it: sends it `input`, resolves with the
 * one message it answers.
 */
export function runInOwnProcess<Result>(script: string, input: unknown, { execArgv }: { execArgv?: string[] } = {}) {
	return new Promise<Result>((resolve, reject) => {
		const child = fork(path.join(root, script), { execArgv })
		child.once('error', reject)
		child.once('exit', (code) => reject(new Error(`${script} exited (${code}) without answering`)))
		child.once('message', (message) => resolve(message as Result))
		child.send(input as object)
	})
}

/** The machine a result came from; the load average says how much of it was someone else's. */
export function machine() {
	const round1 = (value: number) => Math.round(value * 100) / 100
	return {
		cores: cpus().length,
		cpuModel: cpus()[0]?.model ?? 'unknown',
		memoryGb: Math.round(totalmem() / 2 ** 30),
		node: process.version,
		platform: `${process.platform} ${release()}`,
		loadAverage: loadavg().map(round1),
	}
}

/**
 * Writes bench/results/<name>.json in the shape every result shares: `metrics` (milliseconds as
 * `_ms`), `targets` with the same keys, the machine, the date and the parameters; the rest is
 * the benchmark's own detail. bench/summary.mjs reads `metrics` and `targets` only.
 */
export function writeBenchResult(
	name: string,
	result: { metrics: Record<string, number>; targets: Record<string, number>; parameters: Record<string, unknown>; loadAverageAtStart: number[]; [detail: string]: unknown },
) {
	const { metrics, targets, parameters, loadAverageAtStart, ...detail } = result
	const machineNow = machine()
	const report = {
		benchmark: name,
		date: new Date().toISOString(),
		metrics,
		targets,
		machine: { ...machineNow, loadAverage: { atStart: loadAverageAtStart, atEnd: machineNow.loadAverage } },
		parameters,
		...detail,
	}
	mkdirSync(path.join(root, 'bench/results'), { recursive: true })
	const file = path.join(root, `bench/results/${name}.json`)
	writeFileSync(file, `${JSON.stringify(report, null, '\t')}\n`)
	return file
}

/**
 * Resident memory of a process and all its descendants (a cluster's primary and its workers),
 * in MB, read from /proc; 0 where /proc is missing.
 */
export function processTreeRssMb(pid: number): number {
	let kb = 0
	const visit = (id: number) => {
		try {
			const status = readFileSync(`/proc/${id}/status`, 'utf8')
			kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
			for (const task of readdirSync(`/proc/${id}/task`)) {
				const children = readFileSync(`/proc/${id}/task/${task}/children`, 'utf8').trim()
				for (const child of children ? children.split(/\s+/) : []) visit(Number(child))
			}
		} catch {
			// the process ended meanwhile
		}
	}
	visit(pid)
	return Math.round(kb / 1024)
}

/** Samples processTreeRssMb every `everyMs` until stopped; `stop()` gives the peak. */
export function sampleRss(pid: number, everyMs = 1000) {
	let peak = processTreeRssMb(pid)
	const timer = setInterval(() => (peak = Math.max(peak, processTreeRssMb(pid))), everyMs)
	return {
		stop() {
			clearInterval(timer)
			return Math.max(peak, processTreeRssMb(pid))
		},
	}
}
