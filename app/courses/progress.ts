// A learner's progress: lessons started, where to resume, time spent (credited by the
// server's clock, not the browser's claim), lessons completed, and courses assigned.
import { z } from 'zod'
import type { DbOrTx } from '#app/utils/db-client.server.ts'

export const HEARTBEAT_SECONDS = 30
/** A beat credits at most this much, however long the browser says it was active. */
const MAX_CREDIT_SECONDS = HEARTBEAT_SECONDS * 2

export const HeartbeatSchema = z.object({
	position: z.coerce.number({ error: '位置无效' }).min(0).max(1),
	activeSeconds: z.coerce.number({ error: '时长无效' }).int().min(0).max(3600),
})

/** Lessons a learner may open: published, in a published course, not archived. */
export const LEARNER_VISIBLE_LESSON = { archivedAt: null, publishedVersionId: { not: null }, course: { status: 'published' } } as const

async function visibleLesson(db: DbOrTx, lessonId: string) {
	return db.lesson.findFirst({ where: { id: lessonId, ...LEARNER_VISIBLE_LESSON }, select: { id: true } })
}

/** A beat that keeps losing the race to other beats of the same learner and lesson stops retrying. */
const HEARTBEAT_ATTEMPTS = 5

const PROGRESS_SELECT = { position: true, timeSpentSeconds: true, completedAt: true } as const

/**
 * Records that the learner is on the lesson: the resume position, and the active time since
 * the last recorded beat, capped by the time that really passed on the server.
 *
 * The credit is one guarded UPDATE: it applies only if `lastSeenAt` is still the value the
 * credit was computed from. Of beats racing each other (several tabs, a replayed request,
 * 20 parallel posts), one wins; the others re-read and find that no time has passed since.
 * When the clock limits the credit, `lastSeenAt` moves on by exactly the whole seconds
 * credited, so the fraction left over counts towards the next beat: beats that arrive a
 * little early or late lose nothing over a session, and no sequence of beats is ever
 * credited more than the wall time between the first and the last.
 */
export async function recordLessonHeartbeat(
	db: DbOrTx,
	{ userId, lessonId, position, activeSeconds }: { userId: string; lessonId: string; position: number; activeSeconds: number },
	now = new Date(),
) {
	if (!(await visibleLesson(db, lessonId))) return null
	const where = { userId_lessonId: { userId, lessonId } }
	for (let attempt = 1; attempt <= HEARTBEAT_ATTEMPTS; attempt++) {
		const existing = await db.lessonProgress.findUnique({ where, select: { lastSeenAt: true } })
		if (!existing) {
			// The first beat starts the clock and credits nothing. A concurrent first beat may
			// create the row first; `update: {}` then leaves it alone and the loop credits.
			await db.lessonProgress.upsert({ where, create: { userId, lessonId, position, startedAt: now, lastSeenAt: now }, update: {} })
			continue
		}
		const elapsedMs = Math.max(0, now.getTime() - existing.lastSeenAt.getTime())
		const byClock = Math.floor(elapsedMs / 1000)
		const credit = Math.min(activeSeconds, byClock, MAX_CREDIT_SECONDS)
		const lastSeenAt = credit === byClock ? new Date(existing.lastSeenAt.getTime() + credit * 1000) : now
		const { count } = await db.lessonProgress.updateMany({
			where: { userId, lessonId, lastSeenAt: existing.lastSeenAt },
			data: { position, lastSeenAt, timeSpentSeconds: { increment: credit } },
		})
		if (count === 1) return db.lessonProgress.findUnique({ where, select: PROGRESS_SELECT })
	}
	// Still racing after several tries: others are crediting this very moment, so this beat
	// keeps only its position.
	await db.lessonProgress.updateMany({ where: { userId, lessonId }, data: { position } })
	return db.lessonProgress.findUnique({ where, select: PROGRESS_SELECT })
}

export async function markLessonComplete(db: DbOrTx, { userId, lessonId }: { userId: string; lessonId: string }, now = new Date()) {
	if (!(await visibleLesson(db, lessonId))) return null
	await db.lessonProgress.upsert({
		where: { userId_lessonId: { userId, lessonId } },
		create: { userId, lessonId, startedAt: now, lastSeenAt: now, completedAt: now },
		update: {},
	})
	// Completing twice keeps the first time.
	await db.lessonProgress.updateMany({ where: { userId, lessonId, completedAt: null }, data: { completedAt: now } })
	return db.lessonProgress.findUnique({ where: { userId_lessonId: { userId, lessonId } }, select: { completedAt: true, timeSpentSeconds: true } })
}

export type ProgressRow = { lessonId: string; completedAt: Date | null; timeSpentSeconds: number; lastSeenAt: Date; position: number }

export function summarizeProgress(lessonIds: string[], rows: ProgressRow[]) {
	const ids = new Set(lessonIds)
	const relevant = rows.filter((row) => ids.has(row.lessonId))
	const completed = relevant.filter((row) => row.completedAt).length
	return {
		total: lessonIds.length,
		completed,
		started: relevant.length,
		percent: lessonIds.length ? Math.round((completed / lessonIds.length) * 100) : 0,
		timeSpentSeconds: relevant.reduce((sum, row) => sum + row.timeSpentSeconds, 0),
	}
}
export type ProgressSummary = ReturnType<typeof summarizeProgress>

export function progressRowsFor(db: DbOrTx, userId: string, lessonIds: string[]): Promise<ProgressRow[]> {
	if (!lessonIds.length) return Promise.resolve([])
	return db.lessonProgress.findMany({
		where: { userId, lessonId: { in: lessonIds } },
		select: { lessonId: true, completedAt: true, timeSpentSeconds: true, lastSeenAt: true, position: true },
	})
}

export const AssignmentSchema = z.object({
	userId: z.string().min(1),
	courseId: z.string().min(1),
	note: z.string().trim().max(500, '备注不能超过 500 个字符').default(''),
	dueAt: z.coerce.date({ error: '截止日期无效' }).optional(),
})

/** Asks a learner to take a course (an admin now; a mentor's assignment later). */
export async function assignCourse(db: DbOrTx, input: z.infer<typeof AssignmentSchema> & { assignedById: string | null }) {
	const data = { assignedById: input.assignedById, note: input.note, dueAt: input.dueAt ?? null }
	return db.courseAssignment.upsert({
		where: { userId_courseId: { userId: input.userId, courseId: input.courseId } },
		create: { userId: input.userId, courseId: input.courseId, ...data },
		update: data,
		select: { id: true },
	})
}

export async function unassignCourse(db: DbOrTx, { userId, courseId }: { userId: string; courseId: string }) {
	const { count } = await db.courseAssignment.deleteMany({ where: { userId, courseId } })
	return count > 0
}

/** 我的学习: courses in progress, completed, and assigned (with their progress). */
export async function myLearning(db: DbOrTx, userId: string) {
	const [progress, assignments] = await Promise.all([
		db.lessonProgress.findMany({
			where: { userId, lesson: LEARNER_VISIBLE_LESSON },
			select: { lessonId: true, completedAt: true, timeSpentSeconds: true, lastSeenAt: true, position: true, lesson: { select: { courseId: true } } },
		}),
		db.courseAssignment.findMany({
			// Whole-course assignments only; lessons and practice sets are listed by app/mentorship.
			where: { userId, kind: 'course', course: { status: 'published' } },
			select: { courseId: true, note: true, dueAt: true, createdAt: true },
			orderBy: { createdAt: 'desc' },
		}),
	])
	const courseIds = [...new Set([...progress.map((row) => row.lesson.courseId), ...assignments.flatMap((a) => (a.courseId ? [a.courseId] : []))])]
	const courses = await db.course.findMany({
		where: { id: { in: courseIds }, status: 'published' },
		select: {
			id: true,
			slug: true,
			title: true,
			topic: true,
			lessons: { where: LEARNER_VISIBLE_LESSON, orderBy: { position: 'asc' }, select: { id: true, slug: true } },
		},
	})
	const cards = courses.map((course) => {
		const lessonIds = course.lessons.map((lesson) => lesson.id)
		const rows = progress.filter((row) => row.lesson.courseId === course.id)
		const lastSeen = rows.reduce<(typeof rows)[number] | null>((latest, row) => (!latest || row.lastSeenAt > latest.lastSeenAt ? row : latest), null)
		const next = course.lessons.find((lesson) => !rows.some((row) => row.lessonId === lesson.id && row.completedAt))
		return {
			id: course.id,
			slug: course.slug,
			title: course.title,
			topic: course.topic,
			progress: summarizeProgress(lessonIds, rows),
			lastSeenAt: lastSeen?.lastSeenAt ?? null,
			continueLessonSlug: next?.slug ?? course.lessons[0]?.slug ?? null,
		}
	})
	const byId = new Map(cards.map((card) => [card.id, card]))
	const started = cards.filter((card) => card.progress.started > 0).sort((a, b) => (b.lastSeenAt?.getTime() ?? 0) - (a.lastSeenAt?.getTime() ?? 0))
	return {
		inProgress: started.filter((card) => card.progress.completed < card.progress.total),
		completed: started.filter((card) => card.progress.total > 0 && card.progress.completed === card.progress.total),
		assigned: assignments.flatMap((assignment) => {
			const card = assignment.courseId ? byId.get(assignment.courseId) : undefined
			return card ? [{ ...card, note: assignment.note, dueAt: assignment.dueAt, assignedAt: assignment.createdAt }] : []
		}),
	}
}
