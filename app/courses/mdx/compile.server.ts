// Compiles a lesson body that already passed the sanitizer, in a lesson worker
// (compile-body.ts does the work there). One compile at a time per server process: esbuild
// is memory-hungry and the machine small. A compile that runs past its time limit ends its
// worker and is refused like a sanitizer refusal (LessonRefusedError), naming the densest line.
import { createRequire } from 'node:module'
import { performance } from 'node:perf_hooks'
import { version as esbuildVersion } from 'esbuild'
import { LessonRefusedError } from './issues.ts'
import { type LessonWorkerPool, lessonWorkers, unfinishedWorkIssue } from './lesson-workers.server.ts'
import { scanLessonMarkup } from './markup-limits.ts'

const mdxBundlerVersion = (createRequire(import.meta.url)('mdx-bundler/package.json') as { version: string }).version

/** Bump PIPELINE when the plugins or the allow-list change what a bundle contains. */
const PIPELINE = 2
export const COMPILER_VERSION = `mdx-bundler@${mdxBundlerVersion}+esbuild@${esbuildVersion}+pipeline@${PIPELINE}`

/** Counted so tests and the benchmark can prove a cached view compiled nothing. */
export const compileStats = { compiles: 0, totalMs: 0 }

async function compileBody(body: string, pool: LessonWorkerPool) {
	const started = performance.now()
	let outcome
	try {
		outcome = await pool.run({ kind: 'compile', body }, pool.limits.compileMs)
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
export function compileLessonBody(body: string, pool: LessonWorkerPool = lessonWorkers): Promise<string> {
	const run = lane.then(() => compileBody(body, pool))
	lane = run.catch(() => undefined)
	return run
}

let warming: Promise<unknown> | null = null

/**
 * Starts a worker and loads the compiler (esbuild's service and the MDX plugins take about a
 * second) before a lecturer's first preview needs it.
 */
export function warmCompilerInBackground() {
	warming ??= compileLessonBody('# 预热').catch(() => {
		warming = null
	})
}
