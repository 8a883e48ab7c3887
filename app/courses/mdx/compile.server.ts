// The only caller of bundleMDX. Compiles a lesson body that already passed the sanitizer,
// with no `files` (nothing to import), gray-matter switched off (its `---js` runs code) and
// the sanitizer run again on the compiler's own tree, which also strips the knowledge-check
// answers from what browsers receive. One compile at a time: esbuild is memory-hungry and
// the machine small.
import { createRequire } from 'node:module'
import { performance } from 'node:perf_hooks'
import { version as esbuildVersion } from 'esbuild'
import type { Root } from 'mdast'
import { bundleMDX } from 'mdx-bundler'
import remarkGfm from 'remark-gfm'
import { inspectLessonTree, stripKnowledgeCheckAnswers } from './inspect-tree.ts'
import { LessonRefusedError } from './issues.ts'

const mdxBundlerVersion = (createRequire(import.meta.url)('mdx-bundler/package.json') as { version: string }).version

/** Bump PIPELINE when the plugins or the allow-list change what a bundle contains. */
const PIPELINE = 2
export const COMPILER_VERSION = `mdx-bundler@${mdxBundlerVersion}+esbuild@${esbuildVersion}+pipeline@${PIPELINE}`

export const COMPILE_TIMEOUT_MS = 30_000

/** Counted so tests and the benchmark can prove a cached view compiled nothing. */
export const compileStats = { compiles: 0, totalMs: 0 }

/** gray-matter only parses a block that opens with this, and a body never starts with NUL. */
const NO_FRONTMATTER_DELIMITER = '\u0000no-frontmatter\u0000'

function remarkLessonGuard() {
	return (tree: Root) => {
		// The body arrives behind one extra newline (see compileBody), hence the -1.
		const verdict = inspectLessonTree(tree, -1)
		if (!verdict.ok) throw new LessonRefusedError(verdict.issue)
		stripKnowledgeCheckAnswers(tree)
	}
}

async function compileBody(body: string) {
	const started = performance.now()
	const result = await bundleMDX({
		// The leading newline keeps gray-matter from treating a body that begins with --- as frontmatter.
		source: `\n${body}`,
		grayMatterOptions: (options) => ({ ...options, delimiters: NO_FRONTMATTER_DELIMITER }),
		mdxOptions: (options) => ({ ...options, remarkPlugins: [remarkGfm, remarkLessonGuard], rehypePlugins: [], development: false }),
		esbuildOptions: (options) => ({ ...options, minify: true, charset: 'utf8', logLevel: 'silent', target: 'es2020' }),
	})
	compileStats.compiles += 1
	compileStats.totalMs += performance.now() - started
	return result.code
}

let lane: Promise<unknown> = Promise.resolve()

function withTimeout<T>(work: Promise<T>, ms: number) {
	let timer: NodeJS.Timeout | undefined
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`MDX 编译超时（超过 ${ms / 1000} 秒）`)), ms)
	})
	return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

/** Compiles one body after every compile queued before it has finished. */
export function compileLessonBody(body: string): Promise<string> {
	const run = lane.then(() => withTimeout(compileBody(body), COMPILE_TIMEOUT_MS))
	lane = run.catch(() => undefined)
	return run
}

let warming: Promise<unknown> | null = null

/**
 * Loads the compiler (esbuild's service and the MDX plugins take about a second in a fresh
 * process) before a lecturer's first preview needs it.
 */
export function warmCompilerInBackground() {
	warming ??= compileLessonBody('# 预热').catch(() => {
		warming = null
	})
}
