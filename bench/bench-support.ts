// What every benchmark needs: a throwaway migrated database per provider, and medians.
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
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

/** The lower median, so it is always a measured value. */
export function median(values: number[]) {
	const sorted = [...values].sort((a, b) => a - b)
	return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : NaN
}

export function percentile(values: number[], p: number) {
	const sorted = [...values].sort((a, b) => a - b)
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN
}

/** The production server on loopback against `databaseUrl`, once it answers. */
export async function startBenchServer({ databaseUrl, port, workers = 1 }: { databaseUrl: string; port: number; workers?: number }) {
	const server = spawn('node', ['server.mjs'], {
		cwd: root,
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
export function runInOwnProcess<Result>(script: string, input: unknown) {
	return new Promise<Result>((resolve, reject) => {
		const child = fork(path.join(root, script))
		child.once('error', reject)
		child.once('message', (message) => resolve(message as Result))
		child.send(input as object)
	})
}
