// The only caller of bundleMDX, run inside a lesson worker (lesson-worker.ts). Compiles a
// lesson body that already passed the sanitizer, with no `files` (nothing to import),
// gray-matter switched off (its `---js` runs code) and the sanitizer run again on the
// compiler's own tree, which also strips the knowledge-check answers from what browsers
// receive.
import type { Root } from 'mdast'
import { bundleMDX } from 'mdx-bundler'
import remarkGfm from 'remark-gfm'
import { inspectLessonTree, stripKnowledgeCheckAnswers } from './inspect-tree.ts'
import { type LessonIssue, LessonRefusedError } from './issues.ts'

/** gray-matter only parses a block that opens with this, and a body never starts with NUL. */
const NO_FRONTMATTER_DELIMITER = '\u0000no-frontmatter\u0000'

function remarkLessonGuard() {
	return (tree: Root) => {
		// The body arrives behind one extra newline (see compileBodyHere), hence the -1.
		const verdict = inspectLessonTree(tree, -1)
		if (!verdict.ok) throw new LessonRefusedError(verdict.issue)
		stripKnowledgeCheckAnswers(tree)
	}
}

/** The refusal thrown by the guard, wherever esbuild's error wrapping put it. */
function refusalIn(error: unknown, seen = new Set<unknown>()): LessonIssue | null {
	if (!error || typeof error !== 'object' || seen.has(error)) return null
	seen.add(error)
	if (error instanceof LessonRefusedError) return error.issue
	const { errors, detail, cause } = error as { errors?: unknown[]; detail?: unknown; cause?: unknown }
	for (const inner of [...(Array.isArray(errors) ? errors : []), detail, cause]) {
		const issue = refusalIn(inner, seen)
		if (issue) return issue
	}
	return null
}

export type CompileOutcome = { ok: true; code: string } | { ok: false; issue: LessonIssue }

export async function compileBodyHere(body: string): Promise<CompileOutcome> {
	try {
		const result = await bundleMDX({
			// The leading newline keeps gray-matter from treating a body that begins with --- as frontmatter.
			source: `\n${body}`,
			grayMatterOptions: (options) => ({ ...options, delimiters: NO_FRONTMATTER_DELIMITER }),
			mdxOptions: (options) => ({ ...options, remarkPlugins: [remarkGfm, remarkLessonGuard], rehypePlugins: [], development: false }),
			esbuildOptions: (options) => ({ ...options, minify: true, charset: 'utf8', logLevel: 'silent', target: 'es2020' }),
		})
		return { ok: true, code: result.code }
	} catch (error) {
		const issue = refusalIn(error)
		if (issue) return { ok: false, issue }
		throw error
	}
}
