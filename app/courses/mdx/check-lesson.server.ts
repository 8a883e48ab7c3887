// The gate every lesson passes before it is stored or compiled, whoever wrote it: refuse
// absurd markup in one linear pass, split the frontmatter, parse the body with the MDX parser
// mdx-bundler itself uses (plus GFM tables), and walk the tree against the allow-list. The
// first refusal names its line. The parse can cost more than linear time, so the app runs
// this in a worker with a time limit (`checkLessonSource` in lesson-workers.server.ts);
// only the worker and tests call it directly.
import { createHash } from 'node:crypto'
import type { Root } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { mdxFromMarkdown } from 'mdast-util-mdx'
import { gfm } from 'micromark-extension-gfm'
import { mdxjs } from 'micromark-extension-mdxjs'
import { type LessonFrontmatter, normalizeSource, splitLessonSource } from './frontmatter.ts'
import { inspectLessonTree, type KnowledgeCheckDefinition, type ProblemRef } from './inspect-tree.ts'
import type { LessonIssue } from './issues.ts'
import { scanLessonMarkup } from './markup-limits.ts'

export type CheckedLesson = {
	/** The source with line breaks normalised: what is stored and hashed. */
	source: string
	contentHash: string
	frontmatter: LessonFrontmatter
	body: string
	bodyHash: string
	checks: KnowledgeCheckDefinition[]
	/** Each 共性问题 code a <ProblemCard> names, with the line of its first use */
	problemRefs: ProblemRef[]
	plainText: string
}

export type LessonCheckResult = { ok: true; lesson: CheckedLesson } | { ok: false; issue: LessonIssue }

export function sha256(text: string) {
	return createHash('sha256').update(text).digest('hex')
}

export function parseMdxBody(body: string): Root {
	return fromMarkdown(body, { extensions: [mdxjs(), gfm()], mdastExtensions: [mdxFromMarkdown(), gfmFromMarkdown()] })
}

function parseErrorIssue(error: unknown, lineOffset: number): LessonIssue | null {
	if (!error || typeof error !== 'object' || !('reason' in error)) return null
	const { line, reason } = error as { line?: number; reason: string }
	return { line: (line ?? 1) + lineOffset, message: `MDX 语法错误：${reason}` }
}

/** Runs on the calling thread: in the app, only inside a lesson worker. */
export function checkLessonSourceSync(rawSource: string): LessonCheckResult {
	const source = normalizeSource(rawSource)
	const scan = scanLessonMarkup(source)
	if (scan.issue) return { ok: false, issue: scan.issue }
	const split = splitLessonSource(source)
	if (!split.ok) return split
	const { frontmatter, body, bodyLineOffset } = split.value

	let tree: Root
	try {
		tree = parseMdxBody(body)
	} catch (error) {
		const issue = parseErrorIssue(error, bodyLineOffset)
		if (issue) return { ok: false, issue }
		throw error
	}
	const inspected = inspectLessonTree(tree, bodyLineOffset)
	if (!inspected.ok) return inspected
	return {
		ok: true,
		lesson: { source, contentHash: sha256(source), frontmatter, body, bodyHash: sha256(body), ...inspected.findings },
	}
}

/** The MDX body of a stored source (stored sources already passed the gate). */
export function storedLessonBody(source: string) {
	const split = splitLessonSource(normalizeSource(source))
	if (!split.ok) throw new Error(`已保存的课时前言无法解析：${split.issue.message}`)
	return split.value.body
}
