// The compile step, run inside a lesson worker (lesson-worker.ts): the body that passed the
// gate goes through the same pipeline again (a second gate on the compiler's own tree),
// then finishing and rehype-sanitize, and comes out as the JSON tree browsers render with
// hast-util-to-jsx-runtime. Knowledge-check answers are not in it. Nothing is evaluated.
import type { LessonIssue } from './issues.ts'
import { type CompileOptions, compileLessonTree } from './markdown-pipeline.ts'

export type CompileOutcome = { ok: true; code: string } | { ok: false; issue: LessonIssue }

/** Lines in a refusal count within the body. `imageUrls` rewrites image references found in it. */
export async function compileBodyHere(body: string, options: CompileOptions = {}): Promise<CompileOutcome> {
	const result = compileLessonTree(body, options)
	return result.ok ? { ok: true, code: result.code } : result
}
