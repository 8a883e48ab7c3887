// Compiles a lesson body that already passed the gate, in a lesson worker (compile-body.ts
// does the work there). One compile at a time per server process: the machine is small.
// A compile that runs past its time limit ends its worker and is refused like a gate
// refusal (LessonRefusedError), naming the densest line.
import { performance } from 'node:perf_hooks'
import { LessonRefusedError } from './issues.ts'
import { type LessonWorkerPool, lessonWorkers, unfinishedWorkIssue } from './lesson-workers.server.ts'
import { scanLessonMarkup } from './markup-limits.ts'

/**
 * Names what made a stored tree. Bump PIPELINE when the plugins, the sanitize schema or the
 * allow-list change what a compiled lesson contains; older trees are then recompiled.
 */
const PIPELINE = 3
export const COMPILER_VERSION = `lesson-markdown-hast@${PIPELINE}`

/** Counted so tests and the benchmark can prove a cached view compiled nothing. */
export const compileStats = { compiles: 0, totalMs: 0 }

export type CompileBodyOptions = { imageUrls?: Record<string, string> }

async function compileBody(body: string, pool: LessonWorkerPool, { imageUrls }: CompileBodyOptions) {
	const started = performance.now()
	let outcome
	try {
		outcome = await pool.run({ kind: 'compile', body, ...(imageUrls ? { imageUrls } : {}) }, pool.limits.compileMs)
	} catch (error) {
		const issue = unfinishedWorkIssue(error, scanLessonMarkup(body).heaviestLine)
		if (issue) throw new LessonRefusedError(issue)
		throw error
	}
	if (!outcome.ok) throw new LessonRefusedError(outcome.issue)
	compileStats.compiles += 1
	compileStats.totalMs += performance.now() - started
	return outcome.code
}

let lane: Promise<unknown> = Promise.resolve()

/**
 * Compiles one body after every compile queued before it has finished. A refusal (the
 * compiler's own tree failed the sanitizer, or the work ran out of time or memory) is a
 * LessonRefusedError whose line counts within the body.
 */
export function compileLessonBody(body: string, pool: LessonWorkerPool = lessonWorkers, options: CompileBodyOptions = {}): Promise<string> {
	const run = lane.then(() => compileBody(body, pool, options))
	lane = run.catch(() => undefined)
	return run
}

let warming: Promise<unknown> | null = null

/** Starts a worker and loads the Markdown plugins before a lecturer's first preview needs them. */
export function warmCompilerInBackground() {
	warming ??= compileLessonBody('# 预热').catch(() => {
		warming = null
	})
}
