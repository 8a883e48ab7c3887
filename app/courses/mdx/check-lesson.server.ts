// The gate every lesson passes before it is stored or compiled, whoever wrote it: refuse
// absurd markup in one linear pass, split the frontmatter, read the body as Markdown with a
// safe subset of HTML and check its tree (markdown-pipeline.ts, ADR 015). The first refusal
// names its line and column in the whole file; unknown frontmatter keys are warnings. The
// parse can cost more than linear time, so the app runs this in a worker with a time limit
// (`checkLessonSource` in lesson-workers.server.ts); only the worker and tests call it directly.
import { createHash } from 'node:crypto'
import { type LessonFrontmatter, normalizeSource, splitLessonSource } from './frontmatter.ts'
import type { ImageRef, KnowledgeCheckDefinition, ProblemRef } from './gate.ts'
import type { LessonIssue } from './issues.ts'
import { checkLessonBody } from './markdown-pipeline.ts'
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
	/** Every image the lesson shows (Markdown images, <img>, <Figure src>, <Video poster>), where it is named */
	imageRefs: ImageRef[]
	plainText: string
}

export type LessonCheckResult = { ok: true; lesson: CheckedLesson; warnings: LessonIssue[] } | { ok: false; issue: LessonIssue; warnings?: LessonIssue[] }

export function sha256(text: string) {
	return createHash('sha256').update(text).digest('hex')
}

/** Runs on the calling thread: in the app, only inside a lesson worker. */
export function checkLessonSourceSync(rawSource: string): LessonCheckResult {
	const source = normalizeSource(rawSource)
	const scan = scanLessonMarkup(source)
	if (scan.issue) return { ok: false, issue: scan.issue }
	const split = splitLessonSource(source)
	if (!split.ok) return split
	const { frontmatter, body, bodyLineOffset, warnings } = split.value
	const checked = checkLessonBody(body, bodyLineOffset)
	if (!checked.ok) return { ok: false, issue: checked.issue, warnings }
	return {
		ok: true,
		lesson: { source, contentHash: sha256(source), frontmatter, body, bodyHash: sha256(body), ...checked.findings },
		warnings: [...warnings, ...checked.warnings],
	}
}

/** The Markdown body of a stored source (stored sources already passed the gate). */
export function storedLessonBody(source: string) {
	const split = splitLessonSource(normalizeSource(source))
	if (!split.ok) throw new Error(`已保存的课时前言无法解析：${split.issue.message}`)
	return split.value.body
}
