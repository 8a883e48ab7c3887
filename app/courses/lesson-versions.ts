// How a lesson's content is stored, from git or from the editor alike: checked source
// becomes a LessonVersion with its knowledge checks. Kept apart from who may do it
// (lessons.ts, git-sync.server.ts) so both sources write versions the same way.
import type { DbOrTx, DbTx } from '#app/utils/db-client.server.ts'
import { imageUrlsJson } from './images/image-refs.ts'
import type { CheckedLesson } from './mdx/check-lesson.server.ts'
import type { LessonIssue } from './mdx/issues.ts'

export function versionContent(checked: CheckedLesson) {
	return {
		title: checked.frontmatter.title,
		summary: checked.frontmatter.summary,
		estimatedMinutes: checked.frontmatter.estimatedMinutes,
		tags: JSON.stringify(checked.frontmatter.tags),
		regulations: JSON.stringify(checked.frontmatter.regulations),
		source: checked.source,
		contentHash: checked.contentHash,
		bodyHash: checked.bodyHash,
		problemCodes: JSON.stringify(checked.problemRefs.map((ref) => ref.code)),
	}
}

function checkRows(checked: CheckedLesson) {
	return checked.checks.map((check) => ({
		key: check.key,
		prompt: check.prompt,
		options: JSON.stringify(check.options),
		answer: JSON.stringify(check.answer),
		explanation: check.explanation,
	}))
}

/** A <ProblemCard> must name an entry of the 共性问题清单. */
export async function findUnknownProblem(tx: DbOrTx, checked: CheckedLesson): Promise<LessonIssue | null> {
	if (!checked.problemRefs.length) return null
	const known = await tx.commonProblem.findMany({ where: { code: { in: checked.problemRefs.map((ref) => ref.code) } }, select: { code: true } })
	const knownCodes = new Set(known.map((problem) => problem.code))
	const missing = checked.problemRefs.find((ref) => !knownCodes.has(ref.code))
	return missing ? { line: missing.line, message: `共性问题 ${missing.code} 不存在` } : null
}

export async function nextVersionNumber(tx: DbTx, lessonId: string) {
	const last = await tx.lessonVersion.findFirst({ where: { lessonId }, orderBy: { version: 'desc' }, select: { version: true } })
	return (last?.version ?? 0) + 1
}

export async function createVersion(
	tx: DbTx,
	{
		lessonId,
		checked,
		imageUrls = {},
		userId,
		publishedAt,
		restoredFromVersion,
	}: { lessonId: string; checked: CheckedLesson; imageUrls?: Record<string, string>; userId: string | null; publishedAt: Date | null; restoredFromVersion?: number },
) {
	return tx.lessonVersion.create({
		data: {
			lessonId,
			version: await nextVersionNumber(tx, lessonId),
			...versionContent(checked),
			// A git lesson's references to files beside it → their stored URLs (ADR 016).
			imageUrls: imageUrlsJson(imageUrls),
			createdById: userId,
			publishedAt,
			publishedById: publishedAt ? userId : null,
			restoredFromVersion,
			checks: { create: checkRows(checked) },
		},
		select: { id: true, version: true, revision: true },
	})
}

/** Rewrites an open draft in place; its checks were never answered by learners. */
export async function rewriteDraft(tx: DbTx, { versionId, checked, restoredFromVersion }: { versionId: string; checked: CheckedLesson; restoredFromVersion?: number | null }) {
	await tx.knowledgeCheck.deleteMany({ where: { versionId } })
	return tx.lessonVersion.update({
		where: { id: versionId },
		data: { ...versionContent(checked), revision: { increment: 1 }, restoredFromVersion: restoredFromVersion ?? null, checks: { create: checkRows(checked) } },
		select: { id: true, version: true, revision: true },
	})
}
