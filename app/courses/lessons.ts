// Lessons as lecturers edit them: one open draft per lesson, edited in place; publishing
// freezes it and learners switch to it; restoring copies an old version into a new draft.
// Learners keep the published version until the next one is published.
import { z } from 'zod'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx, DbTx } from '#app/utils/db-client.server.ts'
import { canEditCourse, type Editor, newSlug, READ_ONLY_MESSAGE } from './courses.server.ts'
import { parseStoredImageUrls, resolveLessonImages } from './images/course-images.server.ts'
import { createVersion, findUnknownProblem, rewriteDraft } from './lesson-versions.ts'
import { lessonBundles } from './mdx/bundle-cache.server.ts'
import { afterContentChange } from './content-changed.ts'
import { type CheckedLesson, type LessonCheckResult, storedLessonBody } from './mdx/check-lesson.server.ts'
import { formatIssue, type LessonIssue, LessonRefusedError } from './mdx/issues.ts'
import { checkLessonSource, LessonWorkersBusyError } from './mdx/lesson-workers.server.ts'
import { problemCardsFor, type ProblemCardData } from './problems.ts'

export type LessonWriteFailure = {
	ok: false
	reason: 'refused' | 'conflict' | 'read_only' | 'not_found' | 'no_draft' | 'draft_exists' | 'busy'
	message: string
	issue?: LessonIssue
}
export type LessonWriteResult = { ok: true; lessonId: string; versionId: string; version: number; revision: number } | LessonWriteFailure

const fail = (reason: LessonWriteFailure['reason'], message: string, issue?: LessonIssue): LessonWriteFailure => ({ ok: false, reason, message, issue })
const NOT_FOUND = fail('not_found', '课时不存在或您无权修改')

type SourceCheck = LessonCheckResult | { ok: false; busy: string }

/**
 * Checks the source in a lesson worker before any transaction opens: the parse may take up
 * to its time limit, longer than a transaction should stay open.
 */
async function checkOutsideTransaction(source: string): Promise<SourceCheck> {
	try {
		return await checkLessonSource(source)
	} catch (error) {
		if (error instanceof LessonWorkersBusyError) return { ok: false, busy: error.message }
		throw error
	}
}

async function checkForSave(tx: DbTx, result: SourceCheck): Promise<{ ok: true; checked: CheckedLesson } | LessonWriteFailure> {
	if ('busy' in result) return fail('busy', result.busy)
	if (!result.ok) return fail('refused', formatIssue(result.issue), result.issue)
	const unknown = await findUnknownProblem(tx, result.lesson)
	if (unknown) return fail('refused', formatIssue(unknown), unknown)
	// Images: uploaded ones must be stored; an editor lesson has no folder for file paths (ADR 016).
	const images = await resolveLessonImages(tx, result.lesson.imageRefs)
	if (!images.ok) return fail('refused', formatIssue(images.issue), images.issue)
	return { ok: true, checked: result.lesson }
}

/** The lesson if this editor may write it, or why not. */
async function writableLesson(tx: DbTx, editor: Editor, lessonId: string) {
	const lesson = await tx.lesson.findUnique({
		where: { id: lessonId },
		select: { id: true, courseId: true, archivedAt: true, publishedVersionId: true, course: { select: { origin: true } } },
	})
	if (!lesson || lesson.archivedAt) return NOT_FOUND
	if (lesson.course.origin === 'git') return fail('read_only', READ_ONLY_MESSAGE)
	if (!(await canEditCourse(tx, editor, lesson.courseId))) return NOT_FOUND
	return { ok: true as const, lesson }
}

function openDraft(tx: DbTx, lessonId: string) {
	return tx.lessonVersion.findFirst({ where: { lessonId, publishedAt: null }, select: { id: true, version: true, revision: true, contentHash: true } })
}

export async function createLesson(db: Db, editor: Editor, { courseId, source }: { courseId: string; source: string }): Promise<LessonWriteResult> {
	const sourceCheck = await checkOutsideTransaction(source)
	return db.$transaction(async (tx) => {
		const course = await tx.course.findUnique({ where: { id: courseId }, select: { origin: true } })
		if (!course) return NOT_FOUND
		if (course.origin === 'git') return fail('read_only', READ_ONLY_MESSAGE)
		if (!(await canEditCourse(tx, editor, courseId))) return NOT_FOUND
		const checked = await checkForSave(tx, sourceCheck)
		if (!checked.ok) return checked
		const last = await tx.lesson.findFirst({ where: { courseId }, orderBy: { position: 'desc' }, select: { position: true } })
		const lesson = await tx.lesson.create({ data: { courseId, slug: newSlug('l'), position: (last?.position ?? 0) + 1 }, select: { id: true } })
		const version = await createVersion(tx, { lessonId: lesson.id, checked: checked.checked, userId: editor.userId, publishedAt: null })
		return { ok: true, lessonId: lesson.id, versionId: version.id, version: version.version, revision: version.revision }
	})
}

/**
 * Saves the editor's text as the lesson's draft. `baseRevision` is the draft revision the
 * editor loaded; a newer one means another tab saved since, and this save is refused.
 */
export async function saveLessonDraft(
	db: Db,
	editor: Editor,
	{ lessonId, source, baseRevision }: { lessonId: string; source: string; baseRevision: number | null },
): Promise<LessonWriteResult> {
	const sourceCheck = await checkOutsideTransaction(source)
	return db.$transaction(async (tx) => {
		const writable = await writableLesson(tx, editor, lessonId)
		if (!writable.ok) return writable
		const checked = await checkForSave(tx, sourceCheck)
		if (!checked.ok) return checked
		const draft = await openDraft(tx, lessonId)
		if (draft) {
			if (baseRevision !== null && baseRevision !== draft.revision) return fail('conflict', '草稿已在其他窗口保存过，请刷新后再修改')
			const saved = draft.contentHash === checked.checked.contentHash ? draft : await rewriteDraft(tx, { versionId: draft.id, checked: checked.checked })
			return { ok: true, lessonId, versionId: saved.id, version: saved.version, revision: saved.revision }
		}
		const version = await createVersion(tx, { lessonId, checked: checked.checked, userId: editor.userId, publishedAt: null })
		return { ok: true, lessonId, versionId: version.id, version: version.version, revision: version.revision }
	})
}

export async function publishLessonDraft(db: Db, editor: Editor, { lessonId }: { lessonId: string }, now = new Date()): Promise<LessonWriteResult> {
	const result = await auditedTransaction(db, async (tx): Promise<LessonWriteResult> => {
		const writable = await writableLesson(tx, editor, lessonId)
		if (!writable.ok) return writable
		const draft = await tx.lessonVersion.findFirst({
			where: { lessonId, publishedAt: null },
			select: { id: true, version: true, revision: true, title: true, bodyHash: true },
		})
		if (!draft) return fail('no_draft', '没有待发布的草稿')
		await tx.lessonVersion.update({ where: { id: draft.id }, data: { publishedAt: now, publishedById: editor.userId } })
		await tx.lesson.update({ where: { id: lessonId }, data: { publishedVersionId: draft.id } })
		await writeAuditLog(tx, {
			actorId: editor.userId,
			action: 'lesson.publish',
			targetType: 'lesson',
			targetId: lessonId,
			summary: `发布课时《${draft.title}》第 ${draft.version} 版`,
			before: { publishedVersionId: writable.lesson.publishedVersionId },
			after: { publishedVersionId: draft.id, version: draft.version },
		})
		return { ok: true, lessonId, versionId: draft.id, version: draft.version, revision: draft.revision }
	})
	if (result.ok) await afterContentChange(db)
	return result
}

export async function discardLessonDraft(db: Db, editor: Editor, { lessonId }: { lessonId: string }): Promise<{ ok: true } | LessonWriteFailure> {
	return db.$transaction(async (tx) => {
		const writable = await writableLesson(tx, editor, lessonId)
		if (!writable.ok) return writable
		const draft = await openDraft(tx, lessonId)
		if (!draft) return fail('no_draft', '没有可放弃的草稿')
		if (!writable.lesson.publishedVersionId) return fail('no_draft', '课时尚未发布过，草稿是它唯一的内容，不能放弃')
		await tx.lessonVersion.delete({ where: { id: draft.id } })
		return { ok: true as const }
	})
}

/** Copies an earlier version into a new draft; an open draft must be published or discarded first. */
export async function restoreLessonVersion(db: Db, editor: Editor, { lessonId, version }: { lessonId: string; version: number }): Promise<LessonWriteResult> {
	// A published version never changes, so its source is read and checked before the transaction.
	const published = await db.lessonVersion.findUnique({ where: { lessonId_version: { lessonId, version } }, select: { source: true, publishedAt: true } })
	const sourceCheck = published?.publishedAt ? await checkOutsideTransaction(published.source) : null
	return db.$transaction(async (tx) => {
		const writable = await writableLesson(tx, editor, lessonId)
		if (!writable.ok) return writable
		if (!sourceCheck) return fail('not_found', `第 ${version} 版不存在`)
		if (await openDraft(tx, lessonId)) return fail('draft_exists', '已有未发布的草稿：请先发布或放弃草稿，再恢复旧版本')
		const checked = await checkForSave(tx, sourceCheck)
		if (!checked.ok) return fail('refused', `第 ${version} 版已不符合现行规则：${checked.message}`, checked.issue)
		const created = await createVersion(tx, { lessonId, checked: checked.checked, userId: editor.userId, publishedAt: null, restoredFromVersion: version })
		return { ok: true, lessonId, versionId: created.id, version: created.version, revision: created.revision }
	})
}

export async function getLessonForEditor(db: DbOrTx, editor: Editor, lessonId: string) {
	const lesson = await db.lesson.findUnique({
		where: { id: lessonId },
		select: {
			id: true,
			slug: true,
			position: true,
			archivedAt: true,
			sourcePath: true,
			courseId: true,
			course: { select: { id: true, slug: true, title: true, origin: true } },
			publishedVersion: { select: { id: true, version: true, source: true, publishedAt: true } },
			versions: {
				orderBy: { version: 'desc' },
				select: { id: true, version: true, title: true, createdAt: true, updatedAt: true, publishedAt: true, restoredFromVersion: true, revision: true },
			},
		},
	})
	if (!lesson || lesson.archivedAt) return null
	const editable = lesson.course.origin === 'browser' && (await canEditCourse(db, editor, lesson.courseId))
	if (lesson.course.origin === 'browser' && !editable) return null
	const draft = lesson.versions.find((version) => !version.publishedAt) ?? null
	const draftSource = draft && (await db.lessonVersion.findUniqueOrThrow({ where: { id: draft.id }, select: { source: true } })).source
	return {
		id: lesson.id,
		slug: lesson.slug,
		sourcePath: lesson.sourcePath,
		course: lesson.course,
		editable,
		draft: draft && { version: draft.version, revision: draft.revision, source: draftSource!, updatedAt: draft.updatedAt, restoredFromVersion: draft.restoredFromVersion },
		published: lesson.publishedVersion,
		history: lesson.versions.map((version) => ({
			...version,
			state: !version.publishedAt ? ('draft' as const) : version.id === lesson.publishedVersion?.id ? ('current' as const) : ('superseded' as const),
		})),
	}
}

/** One version as it was, for the history page: its source and what it rendered as. */
export async function getLessonVersionForEditor(db: Db, editor: Editor, { lessonId, version }: { lessonId: string; version: number }) {
	const lesson = await getLessonForEditor(db, editor, lessonId)
	if (!lesson) return null
	const row = await db.lessonVersion.findUnique({
		where: { lessonId_version: { lessonId, version } },
		select: { version: true, title: true, source: true, bodyHash: true, imageUrls: true, problemCodes: true, publishedAt: true, createdAt: true },
	})
	if (!row) return null
	const code = await lessonBundles.code(db, { bodyHash: row.bodyHash, body: () => storedLessonBody(row.source), imageUrls: parseStoredImageUrls(row.imageUrls) })
	const problems = await problemCardsFor(db, z.array(z.string()).parse(JSON.parse(row.problemCodes)))
	return { lesson, version: { version: row.version, title: row.title, source: row.source, publishedAt: row.publishedAt, createdAt: row.createdAt }, code, problems }
}

/** Warnings (kept unknown frontmatter keys) come with every answer the check got as far as. */
export type LessonPreview =
	| { ok: true; code: string; title: string; problems: ProblemCardData[]; warnings: LessonIssue[] }
	| { ok: false; message: string; issue: LessonIssue; warnings: LessonIssue[] }
	| { ok: false; message: string; busy: true; warnings: LessonIssue[] }

/**
 * What the editor's preview pane shows: the same gate and compiler as a published lesson,
 * both in a lesson worker with a time limit, so no text can stall the server.
 */
export async function previewLesson(db: Db, source: string): Promise<LessonPreview> {
	const checked = await checkOutsideTransaction(source)
	if ('busy' in checked) return { ok: false, message: checked.busy, busy: true, warnings: [] }
	const warnings = checked.warnings ?? []
	if (!checked.ok) return { ok: false, message: formatIssue(checked.issue), issue: checked.issue, warnings }
	const unknown = await findUnknownProblem(db, checked.lesson)
	if (unknown) return { ok: false, message: formatIssue(unknown), issue: unknown, warnings }
	const images = await resolveLessonImages(db, checked.lesson.imageRefs)
	if (!images.ok) return { ok: false, message: formatIssue(images.issue), issue: images.issue, warnings }
	const { bodyHash, body, frontmatter, problemRefs } = checked.lesson
	let code: string
	try {
		code = await lessonBundles.code(db, { bodyHash, body: () => body })
	} catch (error) {
		if (error instanceof LessonWorkersBusyError) return { ok: false, message: error.message, busy: true, warnings }
		if (!(error instanceof LessonRefusedError)) throw error
		// The compiler counts lines within the body; the editor counts them within the file.
		const issue = { ...error.issue, line: error.issue.line + checked.lesson.source.split('\n').length - body.split('\n').length }
		return { ok: false, message: formatIssue(issue), issue, warnings }
	}
	return { ok: true, code, title: frontmatter.title, problems: await problemCardsFor(db, problemRefs.map((ref) => ref.code)), warnings }
}
