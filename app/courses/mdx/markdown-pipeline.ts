// The lesson pipeline (ADR 015): Markdown with a safe subset of HTML, on unified.
//   remark-parse + GFM + math + directives + CJK-friendly emphasis
//   → component tags cut out of HTML blocks (component-html.ts)
//   → remark-rehype (raw HTML kept) → rehype-raw (parse5, positions kept)
//   → the gate (gate.ts: refuses with line and column, checks components)
//   → for a compile: finishing and rehype-sanitize (lesson-tree.ts) → the stored JSON tree.
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
import { transformComponentHtml } from './component-html.ts'
import { gateLessonTree, type TreeFindings } from './gate.ts'
import { type LessonIssue, LessonRefusedError } from './issues.ts'
import { finishLessonTree, LESSON_SANITIZE_SCHEMA, serializeLessonTree, type StoredLessonTree } from './lesson-tree.ts'

const markdown = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkDirective).use(remarkCjkFriendly).freeze()
const toHtmlTree = unified().use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).freeze()
const sanitize = unified().use(rehypeSanitize, LESSON_SANITIZE_SCHEMA).freeze()

/** Parses Markdown to its tree (also the text between component tags). */
export function parseLessonMarkdown(text: string): MdastRoot {
	return markdown.runSync(markdown.parse(text)) as MdastRoot
}

type Built = { tree: HastRoot; findings: TreeFindings }

/** Markdown → checked HTML tree; positions count within `body`, issues within the file. */
function buildCheckedTree(body: string, lineOffset: number): Built {
	const mdast = parseLessonMarkdown(body)
	try {
		transformComponentHtml(mdast, { body, parse: parseLessonMarkdown })
	} catch (error) {
		if (error instanceof LessonRefusedError) throw new LessonRefusedError({ ...error.issue, line: error.issue.line + lineOffset })
		throw error
	}
	const file = new VFile({ value: body })
	const tree = toHtmlTree.runSync(mdast, file) as HastRoot
	const findings = gateLessonTree(tree, { body, lineOffset })
	return { tree, findings }
}

export type PipelineCheck = { ok: true; findings: TreeFindings } | { ok: false; issue: LessonIssue }

/** The gate alone (saving, syncing, previewing): what a lesson refers to, or its first refusal. */
export function checkLessonBody(body: string, lineOffset: number): PipelineCheck {
	try {
		return { ok: true, findings: buildCheckedTree(body, lineOffset).findings }
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
	const code = serializeLessonTree(clean, [])
	return { ok: true, code, stored: JSON.parse(code) as StoredLessonTree }
}
