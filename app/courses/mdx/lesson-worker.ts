// The entry of a lesson worker thread (piscina runs the default export per task). Parsing
// and compiling lesson Markdown happen only here, off the thread that answers requests, so a
// pathological lesson costs a worker its time limit and never stalls a page (ADR 014).
// Built as its own file (build/server/lesson-worker.js) by the lessonWorkerEntry plugin in
// vite.config.ts; run from source through tsx in dev, tests and scripts.
import { checkLessonSourceSync, type LessonCheckResult } from './check-lesson.server.ts'
import { type CompileOutcome, compileBodyHere } from './compile-body.server.ts'

export type LessonWorkerTask =
	| { kind: 'check'; source: string }
	| { kind: 'compile'; body: string; imageUrls?: Record<string, string> }
	/** Answered once the worker has loaded its modules: the pool boots a worker outside any time limit. */
	| { kind: 'ping' }
export type LessonWorkerResult<Task extends LessonWorkerTask> = Task extends { kind: 'check' }
	? LessonCheckResult
	: Task extends { kind: 'ping' }
		? { ok: true }
		: CompileOutcome

// compile-body.ts is imported statically: a dynamic import() of a .ts file from a worker
// thread is not seen by tsx's loader on Node 20 (ERR_UNKNOWN_FILE_EXTENSION).
export default async function runLessonTask(task: LessonWorkerTask): Promise<LessonCheckResult | CompileOutcome | { ok: true }> {
	switch (task.kind) {
		case 'ping':
			return { ok: true }
		case 'check':
			return checkLessonSourceSync(task.source)
		case 'compile':
			return compileBodyHere(task.body, { imageUrls: task.imageUrls })
	}
}
