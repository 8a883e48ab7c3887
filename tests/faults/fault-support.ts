// What the fault tests share (their databases are in fault-databases.ts): the production server as a real
// process (`node server.mjs` on the build), learners with open attempts and real sessions
// (seeded as bench/answer-save.bench.ts seeds them), and one answer save over HTTP.
// The server is a child process so a test can SIGKILL it; nothing here is mocked.
import { type ChildProcess, spawn } from 'node:child_process'
import { type AddressInfo, createServer } from 'node:net'
import { startAttempt } from '#app/exams/attempts/start-attempt.server.ts'
import { optionIdFor } from '#app/exams/attempts/option-ids.server.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { commitSessionCookie, createSession } from '#app/utils/session.server.ts'
import { projectRoot } from '#tests/cli.ts'

/**
 * Starting a server process loads the whole build: a second alone, many when both cores are
 * busy. The limit catches a server that never answers, not a slow one.
 */
export const SERVER_START_LIMIT_MS = 60_000

/** A port nothing listens on now: a fixed one could belong to another server on the machine. */
export async function freePort() {
	const probe = createServer()
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
	const { port } = probe.address() as AddressInfo
	await new Promise((resolve) => probe.close(resolve))
	return port
}

export type RunningServer = {
	origin: string
	process: ChildProcess
	/** Everything the process wrote to stdout and stderr, for assertions and failure messages. */
	log: () => string
	/** SIGKILL, as a crash or the OOM killer would: no shutdown code runs. */
	crash: () => Promise<void>
	stop: () => Promise<void>
}

/** Every server this test file started, so afterAll can end them even if a test failed mid-start. */
const started = new Set<ChildProcess>()

/** SIGKILLs every server of this file still running (started or starting) and waits for them to exit. */
export async function killAllServers() {
	await Promise.all(
		[...started].map((child) => {
			if (child.exitCode !== null || child.signalCode !== null) return undefined
			const exited = new Promise((resolve) => child.once('exit', resolve))
			child.kill('SIGKILL')
			return exited
		}),
	)
	started.clear()
}

/** `node server.mjs` serving build/ in production mode against `databaseUrl`, once it answers. */
export async function startProductionServer({ databaseUrl, port }: { databaseUrl: string; port: number }): Promise<RunningServer> {
	const child = spawn(process.execPath, ['server.mjs'], {
		cwd: projectRoot,
		env: {
			...process.env,
			DATABASE_URL: databaseUrl,
			PORT: String(port),
			HOST: '127.0.0.1',
			NODE_ENV: 'production',
			SECURE_COOKIES: 'false',
			WEB_CONCURRENCY: '1',
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	started.add(child)
	let output = ''
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
	const origin = `http://127.0.0.1:${port}`
	const stopWith = async (signal: NodeJS.Signals) => {
		if (child.exitCode === null && child.signalCode === null) child.kill(signal)
		await exited
	}
	const server = { origin, process: child, log: () => output, crash: () => stopWith('SIGKILL'), stop: () => stopWith('SIGTERM') }
	const giveUpAt = Date.now() + SERVER_START_LIMIT_MS
	while (Date.now() < giveUpAt) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering:\n${output}`)
		try {
			if ((await fetch(`${origin}/login`, { signal: AbortSignal.timeout(10_000) })).ok) return server
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200))
	}
	await server.crash()
	throw new Error(`server did not answer within ${SERVER_START_LIMIT_MS} ms:\n${output}`)
}

/** A learner with an open attempt and a signed session cookie; optionIds[position - 1][k] names option 'ABCD'[k] (ADR 037). */
export type Sitter = { userId: string; attemptId: string; cookie: string; optionIds: string[][] }

/** `count` learners of one unit, each signed in with an attempt of `roundId` started at `now`. */
export async function seedSitters(db: Db, { roundId, count, questions, now, tag }: { roundId: string; count: number; questions: number; now: Date; tag: string }) {
	const unit = await db.unit.create({ data: { name: `故障测试单位${tag}`, kind: 'department' } })
	const sitters: Sitter[] = []
	for (let i = 0; i < count; i++) {
		const user = await db.user.create({
			data: { username: `fault_${tag}_${i}`, name: `故障考生${i}`, unitId: unit.id, mustChangePassword: false, roles: { create: [{ role: 'learner' }] } },
		})
		const started = await startAttempt(db, { roundId, candidate: { id: user.id, unitId: unit.id, roles: ['learner'] }, now })
		if (!started.ok) throw new Error(started.message)
		const { token } = await createSession(db, user.id)
		const cookie = (await commitSessionCookie(token)).split(';')[0]!
		const optionIds = Array.from({ length: questions }, (_, index) => [...'ABCD'].map((key) => optionIdFor(started.attemptId, index + 1, key)))
		sitters.push({ userId: user.id, attemptId: started.attemptId, cookie, optionIds })
	}
	return sitters
}

export type SaveReply = { status: number; body: { status?: string; seq?: number; deadline?: string; serverNow?: string; message?: string; answer?: unknown } }

/** One autosave as the test page sends it: option 'ABCD'[choice] of `position`, with sequence number `seq`. */
export async function saveAnswer(origin: string, sitter: Sitter, { position, seq, choice }: { position: number; seq: number; choice: number }): Promise<SaveReply> {
	const response = await fetch(`${origin}/exams/attempts/${sitter.attemptId}/answers`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: sitter.cookie, origin },
		body: JSON.stringify({ position, seq, answer: sitter.optionIds[position - 1]![choice] }),
	})
	const text = await response.text()
	let body: SaveReply['body']
	try {
		body = JSON.parse(text) as SaveReply['body']
	} catch {
		// A 500 from Remix may be HTML: keep the start of it for the failure message.
		body = { message: text.slice(0, 300) }
	}
	return { status: response.status, body }
}

/** How an answer is stored: the option's key as JSON (option ids are mapped back on the server). */
export function storedChoice(choice: number) {
	return JSON.stringify('ABCD'[choice])
}
