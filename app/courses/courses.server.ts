// Courses as lecturers manage them. Browser courses are edited by their author, the
// lecturers linked to them and admins; git courses are read-only here (ADR 012).
import { randomBytes } from 'node:crypto'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx, DbTx } from '#app/utils/db-client.server.ts'
import type { Prisma } from '#app/generated/prisma/sqlite/client.ts'
import { afterContentChange } from './content-changed.ts'
import type { CourseInput } from './course-input.ts'
import type { CourseStatus } from './vocabulary.ts'

export type Editor = { userId: string; isAdmin: boolean }


export const READ_ONLY_MESSAGE = '此课程来自 git 仓库（content/courses），只能在仓库中修改'

export function newSlug(prefix: string) {
	return `${prefix}-${randomBytes(5).toString('hex')}`
}

/** The browser courses this editor may change; anything else reads as not found. */
export function editableCourseWhere(editor: Editor): Prisma.CourseWhereInput {
	if (editor.isAdmin) return { origin: 'browser' }
	return { origin: 'browser', OR: [{ createdById: editor.userId }, { lecturers: { some: { lecturer: { userId: editor.userId } } } }] }
}

export async function canEditCourse(db: DbOrTx, editor: Editor, courseId: string) {
	return (await db.course.count({ where: { id: courseId, ...editableCourseWhere(editor) } })) > 0
}

/** The editor's own 讲师 profile, created from their account the first time they author. */
export async function ensureLecturerProfile(tx: DbTx, userId: string) {
	const existing = await tx.lecturer.findUnique({ where: { userId }, select: { id: true } })
	if (existing) return existing
	const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, username: true, unit: { select: { name: true } } } })
	// A git course may already name this person; claim that profile rather than add a twin.
	const named = await tx.lecturer.findUnique({ where: { name_title: { name: user.name, title: user.unit.name } }, select: { id: true, userId: true } })
	if (named && !named.userId) return tx.lecturer.update({ where: { id: named.id }, data: { userId }, select: { id: true } })
	const title = named ? `${user.unit.name}（${user.username}）` : user.unit.name
	return tx.lecturer.create({ data: { name: user.name, title, userId }, select: { id: true } })
}

export async function listCoursesForEditor(db: DbOrTx, editor: Editor) {
	const courses = await db.course.findMany({
		where: { OR: [editableCourseWhere(editor), { origin: 'git' }] },
		orderBy: [{ origin: 'asc' }, { updatedAt: 'desc' }],
		select: {
			id: true,
			slug: true,
			title: true,
			topic: true,
			origin: true,
			status: true,
			updatedAt: true,
			lessons: { where: { archivedAt: null }, select: { publishedVersionId: true, versions: { where: { publishedAt: null }, select: { id: true } } } },
		},
	})
	return courses.map(({ lessons, ...course }) => ({
		...course,
		editable: course.origin === 'browser',
		lessonCount: lessons.length,
		publishedLessonCount: lessons.filter((lesson) => lesson.publishedVersionId).length,
		draftCount: lessons.filter((lesson) => lesson.versions.length > 0).length,
	}))
}

export async function getCourseForEditor(db: DbOrTx, editor: Editor, courseId: string) {
	const course = await db.course.findFirst({
		where: { id: courseId, OR: [editableCourseWhere(editor), { origin: 'git' }] },
		select: {
			id: true,
			slug: true,
			title: true,
			summary: true,
			topic: true,
			origin: true,
			status: true,
			publishedAt: true,
			audiences: { select: { audience: true } },
			lecturers: { orderBy: { position: 'asc' }, select: { lecturer: { select: { name: true, title: true } } } },
			lessons: {
				where: { archivedAt: null },
				orderBy: { position: 'asc' },
				select: {
					id: true,
					slug: true,
					position: true,
					sourcePath: true,
					publishedVersion: { select: { version: true, title: true, publishedAt: true } },
					versions: { where: { publishedAt: null }, select: { version: true, title: true, updatedAt: true } },
				},
			},
		},
	})
	if (!course) return null
	return {
		...course,
		audiences: course.audiences.map((a) => a.audience),
		lecturers: course.lecturers.map((l) => l.lecturer),
		editable: course.origin === 'browser',
		lessons: course.lessons.map(({ versions, ...lesson }) => ({ ...lesson, draft: versions[0] ?? null })),
	}
}

export async function createCourse(db: Db, editor: Editor, input: CourseInput) {
	return db.$transaction(async (tx) => {
		const lecturer = await ensureLecturerProfile(tx, editor.userId)
		return tx.course.create({
			data: {
				slug: newSlug('k'),
				title: input.title,
				summary: input.summary,
				topic: input.topic,
				origin: 'browser',
				status: 'draft',
				createdById: editor.userId,
				audiences: { create: input.audiences.map((audience) => ({ audience })) },
				lecturers: { create: [{ lecturerId: lecturer.id, position: 0 }] },
			},
			select: { id: true, slug: true },
		})
	})
}

export async function updateCourse(db: Db, editor: Editor, courseId: string, input: CourseInput) {
	const updated = await db.$transaction(async (tx) => {
		if (!(await canEditCourse(tx, editor, courseId))) return false
		await tx.courseAudience.deleteMany({ where: { courseId } })
		await tx.course.update({
			where: { id: courseId },
			data: { title: input.title, summary: input.summary, topic: input.topic, audiences: { create: input.audiences.map((audience) => ({ audience })) } },
		})
		return true
	})
	if (updated) await afterContentChange(db)
	return updated
}

const STATUS_ACTIONS: Record<CourseStatus, { action: string; verb: string }> = {
	published: { action: 'course.publish', verb: '发布' },
	draft: { action: 'course.unpublish', verb: '撤回为草稿' },
	archived: { action: 'course.archive', verb: '下架' },
}

export async function setCourseStatus(db: Db, editor: Editor, courseId: string, status: CourseStatus, now = new Date()) {
	const changed = await auditedTransaction(db, async (tx) => {
		const course = await tx.course.findFirst({ where: { id: courseId, ...editableCourseWhere(editor) }, select: { id: true, title: true, status: true } })
		if (!course) return false
		if (course.status === status) return true
		await tx.course.update({ where: { id: courseId }, data: { status, publishedAt: status === 'published' ? now : undefined } })
		await writeAuditLog(tx, {
			actorId: editor.userId,
			action: STATUS_ACTIONS[status].action,
			targetType: 'course',
			targetId: courseId,
			summary: `${STATUS_ACTIONS[status].verb}课程《${course.title}》`,
			before: { status: course.status },
			after: { status },
		})
		return true
	})
	if (changed) await afterContentChange(db)
	return changed
}
