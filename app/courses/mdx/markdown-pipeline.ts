// The lesson pipeline (ADR 015): Markdown with a safe subset of HTML, on unified.
//   remark-parse + GFM + math + directives + CJK-friendly emphasis, then dollar amounts back
//   to text and callouts (:::tip, > [!NOTE], !!! note) — app/courses/markdown, ADR 015-extensions
//   → component tags cut out of HTML blocks (component-html.ts)
//   → remark-rehype (raw HTML kept, footnote labels) → rehype-raw (parse5, positions kept)
//   → the gate (gate.ts: refuses with line and column, checks components)
//   → for a compile: finishing, rehype-sanitize (lesson-tree.ts + the extensions' pieces),
//     heading ids and the table of contents, KaTeX last → the stored JSON tree.
// Runs in a lesson worker (ADR 014): the check and the compile both call it.
import type { Root as HastRoot } from 'hast'
import type { Root as MdastRoot } from 'mdast'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize from 'rehype-sanitize'
import remarkCjkFriendly from 'remark-cjk-friendly'
import remarkDirective from 'remark-directive'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { calloutIssuesOf, remarkLessonCallouts } from '../markdown/callouts.ts'
import { collectTableOfContents, FOOTNOTE_REMARK_REHYPE_OPTIONS, FOOTNOTE_SANITIZE_SETTINGS, rehypeHeadingIds } from '../markdown/headings.ts'
import { MATH_SANITIZE_ALLOW, mathIssues, rehypeLessonMath, remarkCurrencyDollars } from '../markdown/math.ts'
import { mergeSanitizeSettings } from '../markdown/sanitize-settings.ts'
import { transformComponentHtml } from './component-html.ts'
import { gateLessonTree, type TreeFindings } from './gate.ts'
import { type LessonIssue, LessonRefusedError } from './issues.ts'
import { finishLessonTree, LESSON_SANITIZE_SCHEMA, serializeLessonTree, type StoredLessonTree } from './lesson-tree.ts'

const markdown = unified()
	.use(remarkParse)
	.use(remarkGfm)
	.use(remarkMath)
	.use(remarkDirective)
	.use(remarkCjkFriendly)
	.use(remarkCurrencyDollars)
	.use(remarkLessonCallouts)
	.freeze()
const toHtmlTree = unified()
	.use(remarkRehype, { allowDangerousHtml: true, ...FOOTNOTE_REMARK_REHYPE_OPTIONS })
	.use(rehypeRaw)
	.freeze()
export const LESSON_SANITIZE_SETTINGS = mergeSanitizeSettings(LESSON_SANITIZE_SCHEMA, FOOTNOTE_SANITIZE_SETTINGS, MATH_SANITIZE_ALLOW)
const sanitize = unified().use(rehypeSanitize, LESSON_SANITIZE_SETTINGS).freeze()
const afterSanitize = unified().use(rehypeHeadingIds).freeze()
const typesetMath = unified().use(rehypeLessonMath).freeze()

/** Parses Markdown and runs the Markdown plugins (also on the text between component tags). */
function parseWithFile(text: string): { tree: MdastRoot; file: VFile } {
	const file = new VFile({ value: text })
	const tree = markdown.runSync(markdown.parse(file), file) as MdastRoot
	return { tree, file }
}

export function parseLessonMarkdown(text: string): MdastRoot {
	return parseWithFile(text).tree
}

type Built = { tree: HastRoot; findings: TreeFindings; warnings: LessonIssue[] }

/** Markdown → checked HTML tree; positions count within `body`, issues within the file. */
function buildCheckedTree(body: string, lineOffset: number): Built {
	const { tree: mdast, file } = parseWithFile(body)
	let componentWarnings: LessonIssue[]
	try {
		componentWarnings = transformComponentHtml(mdast, { body, parse: parseLessonMarkdown })
	} catch (error) {
		if (error instanceof LessonRefusedError) throw new LessonRefusedError({ ...error.issue, line: error.issue.line + lineOffset })
		throw error
	}
	const warnings = [...componentWarnings, ...calloutIssuesOf(file), ...mathIssues(mdast)].map(({ line, column, message }) => ({ line: line + lineOffset, column, message }))
	const tree = toHtmlTree.runSync(mdast, file) as HastRoot
	const findings = gateLessonTree(tree, { body, lineOffset })
	return { tree, findings, warnings }
}

export type PipelineCheck = { ok: true; findings: TreeFindings; warnings: LessonIssue[] } | { ok: false; issue: LessonIssue }

/** The gate alone (saving, syncing, previewing): what a lesson refers to, or its first refusal. */
export function checkLessonBody(body: string, lineOffset: number): PipelineCheck {
	try {
		const { findings, warnings } = buildCheckedTree(body, lineOffset)
		return { ok: true, findings, warnings }
	} catch (error) {
		if (error instanceof LessonRefusedError) return { ok: false, issue: error.issue }
		throw error
	}
}

export type CompileOptions = {
	/** Image references (as written) → the URL they are served from (helper B's uploads). */
	imageUrls?: Record<string, string>
}

/** The stored tree of a body that passes the gate (positions within the body). */
export function compileLessonTree(body: string, { imageUrls }: CompileOptions = {}): { ok: true; code: string; stored: StoredLessonTree } | { ok: false; issue: LessonIssue } {
	let built: Built
	try {
		built = buildCheckedTree(body, 0)
	} catch (error) {
		if (error instanceof LessonRefusedError) return { ok: false, issue: error.issue }
		throw error
	}
	finishLessonTree(built.tree, { body, imageUrls })
	const clean = sanitize.runSync(built.tree) as HastRoot
	const withIds = afterSanitize.runSync(clean) as HastRoot
	const toc = collectTableOfContents(withIds)
	const typeset = typesetMath.runSync(withIds, new VFile({ value: body })) as HastRoot
	const code = serializeLessonTree(typeset, toc)
	return { ok: true, code, stored: JSON.parse(code) as StoredLessonTree }
}
