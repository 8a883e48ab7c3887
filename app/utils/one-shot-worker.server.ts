// Reading an untrusted upload in a worker thread of its own (ADR 009): one file per worker,
// the thread's heap capped and its time limited, so a file that slips past every check cannot
// stall the server or take its memory. A few reads run at once per process; more wait their
// turn (the machine has few cores). Spreadsheets (xlsx.server.ts) and question documents
// (app/exams/import/document-import.server.ts) read through this.
import { Worker, type WorkerOptions } from 'node:worker_threads'

export type OneShotWorkerLimits = {
	/** Time after which the worker is ended and `timedOut` answered. */
	timeLimitMs: number
	heapMb: number
	/** Chinese refusals for a read that ran out of time or of memory. */
	timedOut: string
	outOfMemory: string
}

/** The worker answers `{ result }` or `{ crash }` (a stack) to the one message it is sent. */
type WorkerAnswer<Result> = { result?: Result; crash?: string }

/** A worker's script (a path or URL) with what its thread needs: `execArgv` and `workerData` (tsx in development). */
export type WorkerEntry = { filename: string | URL; execArgv?: string[]; workerData?: unknown }

/**
 * The entry for a TypeScript worker run from source (vitest, tsx scripts, the dev server): a
 * thread cannot take a .ts file as its main script, so typescript-worker.mjs registers tsx in
 * the thread and imports it.
 */
export function typeScriptWorkerEntry(source: URL): WorkerEntry {
	return { filename: new URL('./typescript-worker.mjs', import.meta.url), workerData: { typeScriptEntry: source.href } }
}

const MAX_PARALLEL_READS = 2
let running = 0
const waiting: (() => void)[] = []

async function takeTurn() {
	if (running < MAX_PARALLEL_READS) {
		running++
		return
	}
	await new Promise<void>((resolve) => waiting.push(resolve))
}

function endTurn() {
	const next = waiting.shift()
	if (next) next()
	else running--
}

function runOnce<Result>(
	entry: WorkerEntry,
	message: unknown,
	transfer: ArrayBuffer[],
	limits: OneShotWorkerLimits,
): Promise<Result | { ok: false; error: string }> {
	return new Promise((resolve, reject) => {
		const options: WorkerOptions = {
			resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 32 },
			stdout: false,
			stderr: false,
			...(entry.execArgv ? { execArgv: entry.execArgv } : {}),
			...(entry.workerData ? { workerData: entry.workerData } : {}),
		}
		// Worker takes a path or a URL object, not a file:// string (what a build's asset URL is).
		const filename = typeof entry.filename === 'string' && entry.filename.startsWith('file:') ? new URL(entry.filename) : entry.filename
		const worker = new Worker(filename, options)
		let settled = false
		const settle = (outcome: () => void) => {
			if (settled) return
			settled = true
			clearTimeout(timer)
			void worker.terminate()
			outcome()
		}
		const timer = setTimeout(() => settle(() => resolve({ ok: false, error: limits.timedOut })), limits.timeLimitMs)
		worker.once('message', (answer: WorkerAnswer<Result>) =>
			settle(() => (answer.result !== undefined ? resolve(answer.result) : reject(new Error(`worker failed: ${answer.crash}`)))),
		)
		worker.once('error', (error: Error & { code?: string }) =>
			settle(() => (error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? resolve({ ok: false, error: limits.outOfMemory }) : reject(error))),
		)
		worker.once('exit', (code) => settle(() => reject(new Error(`worker exited with code ${code}`))))
		worker.postMessage(message, transfer)
	})
}

/**
 * Runs `entry` for one message and answers its `result`; a read past the time limit or the heap
 * cap answers `{ ok: false, error }` with the Chinese refusal. Transferred buffers move to the
 * worker (pass copies the caller no longer needs).
 */
export async function readInOneShotWorker<Result>(
	entry: WorkerEntry,
	message: unknown,
	transfer: ArrayBuffer[],
	limits: OneShotWorkerLimits,
): Promise<Result | { ok: false; error: string }> {
	await takeTurn()
	try {
		return await runOnce<Result>(entry, message, transfer, limits)
	} finally {
		endTurn()
	}
}
