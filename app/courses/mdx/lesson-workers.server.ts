// Lesson MDX is parsed and compiled in worker threads (piscina), never on the thread that
// answers requests: micromark costs more than linear time on some inputs, and one such
// lesson used to freeze every page for minutes (issue 8). Each task has a hard time limit;
// when it passes, the worker is terminated (the parse cannot be interrupted any other way)
// and the lecturer gets a Chinese refusal naming the densest part of the text. The linear
// pre-scan (markup-limits.ts) runs here first, so absurd input never reaches a worker.
// ADR 014 records the choice.
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import type { Worker } from 'node:worker_threads'
import { Piscina } from 'piscina'
import type { LessonCheckResult } from './check-lesson.server.ts'
import { normalizeSource } from './frontmatter.ts'
import type { LessonIssue } from './issues.ts'
import type { LessonWorkerResult, LessonWorkerTask } from './lesson-worker.ts'
import { scanLessonMarkup } from './markup-limits.ts'

export type LessonWorkerLimits = {
	/** Time one check (frontmatter, parse, allow-list walk) may run in a worker. */
	checkMs: number
	/** Time one compile (MDX + esbuild) may run in a worker. */
	compileMs: number
	maxThreads: number
	/** Tasks that may wait for a thread; more are refused at once. */
	maxWaiting: number
	/** How long a task waits for a thread before it is refused. */
	waitMs: number
	/** Heap of one worker; a parse that needs more ends the worker, not the server. */
	maxHeapMb: number
	/** Time a fresh pool's first worker may take to start and load the pipeline (not counted in the limits above). */
	bootMs: number
}

export const LESSON_WORKER_LIMITS: LessonWorkerLimits = {
	// A real lesson checks in milliseconds and compiles in about a second (more on a cold,
	// busy worker); the limits leave room for a busy 2-core machine.
	checkMs: 10_000,
	compileMs: 30_000,
	maxThreads: 2,
	maxWaiting: 32,
	waitMs: 60_000,
	maxHeapMb: 512,
	// Loading the pipeline from TypeScript source took over 10 s with the 2-core machine at load 20.
	bootMs: 120_000,
}

/** Replaced by the URL of build/server/lesson-worker.js in the production build (see vite.config.ts). */
const BUILT_WORKER_URL = '@@lesson-worker-url@@' as string

/** The built worker file, or the TypeScript source run through tsx (dev server, vitest, tsx scripts). */
function workerEntry(): { filename: string; execArgv: string[] } {
	if (!BUILT_WORKER_URL.startsWith('@@')) return { filename: BUILT_WORKER_URL, execArgv: [] }
	const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
	return { filename: new URL('./lesson-worker.ts', import.meta.url).href, execArgv: ['--import', tsx] }
}

/** The work ran past its time limit and its worker was terminated. */
export class LessonWorkTimeoutError extends Error {
	constructor(readonly limitMs: number) {
		super(`课时处理超过 ${limitMs / 1000} 秒，已停止`)
		this.name = 'LessonWorkTimeoutError'
	}
}

/** The work needed more memory than a worker may have; the worker ended, the server did not. */
export class LessonWorkOutOfMemoryError extends Error {
	constructor() {
		super('课时处理占用内存过多，已停止')
		this.name = 'LessonWorkOutOfMemoryError'
	}
}

/** Every worker is busy and the queue is full or moved too slowly: try again later. */
export class LessonWorkersBusyError extends Error {
	constructor() {
		super('服务器正忙于处理其他课时，请稍后再试')
		this.name = 'LessonWorkersBusyError'
	}
}

export class LessonWorkerPool {
	private piscina: Piscina | null = null
	/** Why a pool was given up: a worker that fails while starting stops piscina from starting more. */
	private readonly failures = new WeakMap<Piscina, unknown>()
	/** A fresh pool's first worker, started and answering, before any time limit counts. */
	private readonly boots = new WeakMap<Piscina, Promise<unknown>>()
	private active = 0
	private readonly waiting: (() => void)[] = []
	readonly limits: LessonWorkerLimits

	constructor(limits: Partial<LessonWorkerLimits> = {}) {
		this.limits = { ...LESSON_WORKER_LIMITS, ...limits }
	}

	private pool() {
		if (this.piscina) return this.piscina
		const { filename, execArgv } = workerEntry()
		// Threads start on first use and end after ten idle minutes; idle ones do not keep a script alive.
		const piscina = new Piscina({
			filename,
			execArgv,
			minThreads: 0,
			maxThreads: this.limits.maxThreads,
			idleTimeout: 10 * 60_000,
			resourceLimits: { maxOldGenerationSizeMb: this.limits.maxHeapMb },
		})
		// A worker that fails outside a task (while starting, say out of memory) is reported
		// here, not to a task; unheard, the 'error' event would end the server. piscina then
		// starts no more workers, so this pool is given up: its waiting tasks fail with that
		// error and the next task starts a fresh pool.
		piscina.on('error', (error: unknown) => {
			console.error('课时处理线程启动失败：', error)
			this.failures.set(piscina, error)
			if (this.piscina === piscina) this.piscina = null
			void piscina.destroy()
		})
		this.piscina = piscina
		return piscina
	}

	/**
	 * Waits for a free thread here rather than in piscina's queue, so the time limit counts
	 * from when the task starts running, not from when it was queued.
	 */
	private async acquire() {
		if (this.active < this.limits.maxThreads) {
			this.active += 1
			return
		}
		if (this.waiting.length >= this.limits.maxWaiting) throw new LessonWorkersBusyError()
		await new Promise<void>((resolve, reject) => {
			const wake = () => {
				clearTimeout(timer)
				resolve()
			}
			const timer = setTimeout(() => {
				this.waiting.splice(this.waiting.indexOf(wake), 1)
				reject(new LessonWorkersBusyError())
			}, this.limits.waitMs)
			this.waiting.push(wake)
		})
	}

	private release() {
		const next = this.waiting.shift()
		if (next) next()
		else this.active -= 1
	}

	/** Starts the pool's first worker with a ping, so loading modules never counts against a task's limit. */
	private boot(piscina: Piscina) {
		let booting = this.boots.get(piscina)
		if (!booting) {
			booting = piscina.run({ kind: 'ping' } satisfies LessonWorkerTask, { signal: AbortSignal.timeout(this.limits.bootMs) })
			this.boots.set(piscina, booting)
		}
		return booting
	}

	async run<Task extends LessonWorkerTask>(task: Task, timeLimitMs: number): Promise<LessonWorkerResult<Task>> {
		await this.acquire()
		const booting = this.pool()
		try {
			await this.boot(booting)
		} catch (error) {
			this.release()
			this.boots.delete(booting)
			const cause = this.failures.get(booting) ?? error
			if ((cause as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') throw new LessonWorkOutOfMemoryError()
			throw cause
		}
		const controller = new AbortController()
		let timedOut = false
		const timer = setTimeout(() => {
			timedOut = true
			controller.abort()
		}, timeLimitMs)
		const piscina = this.pool()
		const threadsBefore = [...piscina.threads]
		try {
			return (await piscina.run(task, { signal: controller.signal })) as LessonWorkerResult<Task>
		} catch (error) {
			if (timedOut) {
				// piscina rejects the task first and only then asks its worker to terminate; the
				// slot (and the compile lane) is freed once that thread has really exited, so
				// work that timed out never runs beside the next task (ADR 071).
				await threadsExited(threadsBefore.filter((thread) => !piscina.threads.includes(thread)))
				throw new LessonWorkTimeoutError(timeLimitMs)
			}
			const cause = this.failures.get(piscina) ?? error
			if ((cause as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') throw new LessonWorkOutOfMemoryError()
			throw cause
		} finally {
			clearTimeout(timer)
			this.release()
		}
	}

	/** The pool's worker threads right now (tests check a timed-out one has exited). */
	get threads(): readonly Worker[] {
		return this.piscina?.threads ?? []
	}

	/** Threads currently alive (tests check that a timed-out one was replaced, not leaked). */
	get threadCount() {
		return this.piscina?.threads.length ?? 0
	}

	async close() {
		const piscina = this.piscina
		this.piscina = null
		await piscina?.destroy()
	}
}

/** Resolves when every given worker thread has exited (a terminated thread's threadId is -1). */
function threadsExited(threads: Worker[]) {
	return Promise.all(threads.map((thread) => (thread.threadId === -1 ? undefined : new Promise((resolve) => thread.once('exit', resolve)))))
}

/** The app's pool: one per server process. */
export const lessonWorkers = new LessonWorkerPool()

/**
 * The refusal for work a worker could not finish, placed on the line where the text is
 * densest; null for any other failure (a bug, which should surface as one).
 */
export function unfinishedWorkIssue(error: unknown, line: number): LessonIssue | null {
	const advice = '请减少这一段附近嵌套的 *、_、[ ]、>、列表或组件，或把内容拆成几段'
	if (error instanceof LessonWorkTimeoutError) return { line, message: `正文过于复杂，${error.limitMs / 1000} 秒内未能处理完，已停止。${advice}` }
	if (error instanceof LessonWorkOutOfMemoryError) return { line, message: `正文过于复杂，处理时占用内存过多，已停止。${advice}` }
	return null
}

/**
 * The gate every lesson passes before it is stored or compiled (check-lesson.ts), run in a
 * worker after the linear pre-scan. Throws LessonWorkersBusyError when no worker is free.
 */
export async function checkLessonSource(rawSource: string, pool: LessonWorkerPool = lessonWorkers): Promise<LessonCheckResult> {
	const source = normalizeSource(rawSource)
	const scan = scanLessonMarkup(source)
	if (scan.issue) return { ok: false, issue: scan.issue }
	try {
		return await pool.run({ kind: 'check', source }, pool.limits.checkMs)
	} catch (error) {
		const issue = unfinishedWorkIssue(error, scan.heaviestLine)
		if (issue) return { ok: false, issue }
		throw error
	}
}
