// 指定学习 (ADR 050): a mentor or an admin asks a learner to take a lesson, a whole course or a
// practice set (专题 and number of questions) by a day. Whether it is done is never stored or
// ticked by hand: it is read from lesson progress (lessons completed) and practice reviews
// (distinct questions answered in the 专题 since it was assigned), every time it is shown.
import type { z } from 'zod'
import { LEARNER_VISIBLE_LESSON } from '#app/courses/progress.ts'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'
import { TOPIC_LABELS, type Topic } from '#app/utils/topics.ts'
import { AssignmentInputSchema } from './assignment-form.ts'
import { endOfChinaDay } from './dates.ts'
import { type AssignmentKind } from './labels.ts'

// The form's schema lives in assignment-form.ts (isomorphic, ADR 070).
export { AssignmentInputSchema }
export type AssignmentInput = z.infer<typeof AssignmentInputSchema>

export type AssignResult = { ok: true; id: string } | { ok: false; field: string; message: string }

/**
 * Creates the assignment. A course assigned again (one row per learner and course) takes the
 * new due date and note. `audit` records it in the audit log (an admin's assignment).
 */
export async function createAssignment(
	db: Db,
	actor: { id: string; name: string },
	{ apprenticeId, pairingId, input, audit = false }: { apprenticeId: string; pairingId: string | null; input: AssignmentInput; audit?: boolean },
	now = new Date(),
): Promise<AssignResult> {
	const dueAt = endOfChinaDay(input.dueOn)
	if (dueAt < now) return { ok: false, field: 'dueOn', message: '截止日期不能早于今天' }
	const base = { userId: apprenticeId, pairingId, assignedById: actor.id, note: input.note, dueAt }
	let data: Parameters<typeof db.courseAssignment.create>[0]['data']
	let title: string
	if (input.kind === 'lesson') {
		const lesson = await db.lesson.findFirst({ where: { id: input.lessonId, ...LEARNER_VISIBLE_LESSON }, select: { id: true, publishedVersion: { select: { title: true } } } })
		if (!lesson) return { ok: false, field: 'lessonId', message: '课时不存在或尚未发布' }
		data = { ...base, kind: 'lesson', lessonId: lesson.id }
		title = lesson.publishedVersion!.title
	} else if (input.kind === 'course') {
		const course = await db.course.findFirst({ where: { id: input.courseId, status: 'published' }, select: { id: true, title: true } })
		if (!course) return { ok: false, field: 'courseId', message: '课程不存在或尚未发布' }
		data = { ...base, kind: 'course', courseId: course.id }
		title = course.title
	} else {
		const topic = input.topic === 'all' ? null : (input.topic ?? null)
		data = { ...base, kind: 'practice', topic, questionCount: input.questionCount! }
		title = practiceTitle(topic, input.questionCount!)
	}
	return auditedTransaction(db, async (tx) => {
		const row =
			data.kind === 'course'
				? await tx.courseAssignment.upsert({
						where: { userId_courseId: { userId: apprenticeId, courseId: data.courseId! } },
						create: data,
						update: { pairingId, assignedById: actor.id, note: input.note, dueAt, createdAt: now },
						select: { id: true },
					})
				: await tx.courseAssignment.create({ data: { ...data, createdAt: now }, select: { id: true } })
		if (audit) {
			await writeAuditLog(tx, {
				actorId: actor.id,
				actorName: actor.name,
				action: 'mentorship.assignment.create',
				targetType: 'CourseAssignment',
				targetId: row.id,
				summary: `指定学习：${title}（截止 ${input.dueOn.toISOString().slice(0, 10)}）`,
				after: { apprenticeId, kind: input.kind, title, note: input.note, dueAt },
			})
		}
		return { ok: true as const, id: row.id }
	})
}

export function practiceTitle(topic: string | null, count: number) {
	return `${topic ? TOPIC_LABELS[topic as Topic] ?? topic : '全部专题'}练习 ${count} 题`
}

export type AssignmentView = {
	id: string
	kind: AssignmentKind
	userId: string
	pairingId: string | null
	title: string
	link: string
	note: string
	dueAt: Date | null
	createdAt: Date
	done: boolean
	completedAt: Date | null
	/** e.g. 3/5 课时, 12/20 题 */
	progressText: string
	overdue: boolean
}

const ASSIGNMENT_SELECT = {
	id: true,
	kind: true,
	userId: true,
	pairingId: true,
	note: true,
	dueAt: true,
	createdAt: true,
	topic: true,
	questionCount: true,
	course: { select: { slug: true, title: true, lessons: { where: LEARNER_VISIBLE_LESSON, select: { id: true } } } },
	lesson: { select: { id: true, slug: true, publishedVersion: { select: { title: true } }, course: { select: { slug: true } } } },
} as const

/** Assignments of these learners (or of one pairing), with their derived state, newest due last. */
export async function listAssignments(db: DbOrTx, where: { userIds: string[]; pairingId?: string }, now = new Date()): Promise<AssignmentView[]> {
	if (!where.userIds.length) return []
	const rows = await db.courseAssignment.findMany({
		where: { userId: { in: where.userIds }, ...(where.pairingId ? { pairingId: where.pairingId } : {}) },
		select: ASSIGNMENT_SELECT,
		orderBy: [{ dueAt: 'asc' }, { createdAt: 'asc' }],
	})
	// Lessons: every lesson an assignment covers, with when each learner completed it.
	const lessonIds = new Set<string>()
	for (const row of rows) {
		if (row.lesson) lessonIds.add(row.lesson.id)
		for (const lesson of row.course?.lessons ?? []) lessonIds.add(lesson.id)
	}
	const completions = lessonIds.size
		? await db.lessonProgress.findMany({
				where: { userId: { in: where.userIds }, lessonId: { in: [...lessonIds] }, completedAt: { not: null } },
				select: { userId: true, lessonId: true, completedAt: true },
			})
		: []
	const completedAt = new Map(completions.map((c) => [`${c.userId}:${c.lessonId}`, c.completedAt!]))
	// Practice: reviews since the earliest practice assignment, with their questions' 专题.
	const practice = rows.filter((row) => row.kind === 'practice')
	const since = practice.reduce<Date | null>((min, row) => (!min || row.createdAt < min ? row.createdAt : min), null)
	const reviews = since
		? await db.practiceReview.findMany({
				where: { userId: { in: [...new Set(practice.map((p) => p.userId))] }, reviewedAt: { gte: since } },
				select: { userId: true, questionId: true, reviewedAt: true },
				orderBy: { reviewedAt: 'asc' },
			})
		: []
	const topics = reviews.length
		? new Map(
				(await db.question.findMany({ where: { id: { in: [...new Set(reviews.map((r) => r.questionId))] } }, select: { id: true, topic: true } })).map((q) => [q.id, q.topic]),
			)
		: new Map<string, string>()

	return rows.map((row): AssignmentView => {
		let title = ''
		let link = ''
		let done = false
		let finished: Date | null = null
		let progressText = ''
		if (row.kind === 'lesson' && row.lesson) {
			title = row.lesson.publishedVersion?.title ?? row.lesson.slug
			link = `/learn/courses/${row.lesson.course.slug}/${row.lesson.slug}`
			finished = completedAt.get(`${row.userId}:${row.lesson.id}`) ?? null
			done = finished !== null
			progressText = done ? '已学完' : '未学完'
		} else if (row.kind === 'course' && row.course) {
			title = row.course.title
			link = `/learn/courses/${row.course.slug}`
			const times = row.course.lessons.map((lesson) => completedAt.get(`${row.userId}:${lesson.id}`) ?? null)
			const count = times.filter(Boolean).length
			done = times.length > 0 && count === times.length
			finished = done ? new Date(Math.max(...times.map((t) => t!.getTime()))) : null
			progressText = `${count}/${times.length} 课时`
		} else if (row.kind === 'practice') {
			const need = row.questionCount ?? 1
			title = practiceTitle(row.topic, need)
			link = `/exams/practice?topic=${row.topic ?? 'all'}`
			const seen = new Set<string>()
			for (const review of reviews) {
				if (review.userId !== row.userId || review.reviewedAt < row.createdAt) continue
				if (row.topic && topics.get(review.questionId) !== row.topic) continue
				seen.add(review.questionId)
				if (seen.size === need && !finished) finished = review.reviewedAt
			}
			done = seen.size >= need
			progressText = `${Math.min(seen.size, need)}/${need} 题`
		}
		const overdue = !done && row.dueAt !== null && row.dueAt < now
		return {
			id: row.id,
			kind: row.kind as AssignmentKind,
			userId: row.userId,
			pairingId: row.pairingId,
			title,
			link,
			note: row.note,
			dueAt: row.dueAt,
			createdAt: row.createdAt,
			done,
			completedAt: finished,
			progressText,
			overdue,
		}
	})
}

/** Published courses and their lessons, for the assignment form's pickers. */
export async function assignableStudy(db: DbOrTx) {
	const courses = await db.course.findMany({
		where: { status: 'published' },
		orderBy: [{ sortOrder: 'asc' }, { title: 'asc' }],
		select: { id: true, title: true, lessons: { where: LEARNER_VISIBLE_LESSON, orderBy: { position: 'asc' }, select: { id: true, publishedVersion: { select: { title: true } } } } },
	})
	return courses.map((c) => ({ id: c.id, title: c.title, lessons: c.lessons.map((l) => ({ id: l.id, title: l.publishedVersion?.title ?? '' })) }))
}
