// What learners read: the catalog, a course with their progress, and a lesson page built
// from the published version's cached bundle (a cached view compiles nothing). Drafts,
// answer keys and other learners' data never enter these views.
import { z } from 'zod'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { answeredChecks } from './knowledge-checks.ts'
import { lessonShell } from './lesson-shell.ts'
import { type LessonBundleCache, lessonBundles } from './mdx/bundle-cache.server.ts'
import { storedLessonBody } from './mdx/check-lesson.server.ts'
import { LEARNER_VISIBLE_LESSON, progressRowsFor, summarizeProgress } from './progress.ts'
import { AUDIENCES, type Audience } from './vocabulary.ts'
import { type Topic, TOPICS } from '#app/utils/topics.ts'

export const CatalogFilterSchema = z.object({
	topic: z.enum(TOPICS).optional().catch(undefined),
	audience: z.enum(AUDIENCES).optional().catch(undefined),
})
export type CatalogFilter = { topic?: Topic; audience?: Audience }

/** What the catalog card and the course page both show of a course. */
const COURSE_HEADING = { id: true, slug: true, title: true, summary: true, topic: true, origin: true, audiences: { select: { audience: true } } } as const

export async function listCatalog(db: DbOrTx, { userId, topic, audience }: CatalogFilter & { userId: string }) {
	const courses = await db.course.findMany({
		where: { status: 'published', topic, audiences: audience ? { some: { audience } } : undefined, lessons: { some: LEARNER_VISIBLE_LESSON } },
		orderBy: [{ sortOrder: 'asc' }, { title: 'asc' }],
		select: {
			...COURSE_HEADING,
			lecturers: { orderBy: { position: 'asc' }, select: { lecturer: { select: { name: true } } } },
			lessons: { where: LEARNER_VISIBLE_LESSON, select: { id: true, publishedVersion: { select: { estimatedMinutes: true } } } },
		},
	})
	const rows = await progressRowsFor(
		db,
		userId,
		courses.flatMap((course) => course.lessons.map((lesson) => lesson.id)),
	)
	return courses.map(({ lessons, audiences, lecturers, ...course }) => ({
		...course,
		audiences: audiences.map((a) => a.audience),
		lecturers: lecturers.map((l) => l.lecturer.name),
		totalMinutes: lessons.reduce((sum, lesson) => sum + (lesson.publishedVersion?.estimatedMinutes ?? 0), 0),
		progress: summarizeProgress(
			lessons.map((lesson) => lesson.id),
			rows,
		),
	}))
}

export async function getCourseForLearner(db: DbOrTx, { slug, userId }: { slug: string; userId: string }) {
	const course = await db.course.findFirst({
		where: { slug, status: 'published' },
		select: {
			...COURSE_HEADING,
			lecturers: { orderBy: { position: 'asc' }, select: { lecturer: { select: { name: true, title: true, bio: true } } } },
			lessons: {
				where: LEARNER_VISIBLE_LESSON,
				orderBy: { position: 'asc' },
				select: { id: true, slug: true, publishedVersion: { select: { title: true, summary: true, estimatedMinutes: true } } },
			},
		},
	})
	if (!course) return null
	const lessonIds = course.lessons.map((lesson) => lesson.id)
	const [rows, assignment] = await Promise.all([
		progressRowsFor(db, userId, lessonIds),
		db.courseAssignment.findUnique({ where: { userId_courseId: { userId, courseId: course.id } }, select: { note: true, dueAt: true } }),
	])
	const byLesson = new Map(rows.map((row) => [row.lessonId, row]))
	const lessons = course.lessons.map((lesson) => {
		const row = byLesson.get(lesson.id)
		return {
			slug: lesson.slug,
			title: lesson.publishedVersion!.title,
			summary: lesson.publishedVersion!.summary,
			estimatedMinutes: lesson.publishedVersion!.estimatedMinutes,
			completed: Boolean(row?.completedAt),
			started: Boolean(row),
			timeSpentSeconds: row?.timeSpentSeconds ?? 0,
		}
	})
	const lastSeen = [...rows].sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime())[0]
	const resume = lastSeen && !lastSeen.completedAt ? course.lessons.find((l) => l.id === lastSeen.lessonId) : course.lessons.find((l) => !byLesson.get(l.id)?.completedAt)
	return {
		slug: course.slug,
		title: course.title,
		summary: course.summary,
		topic: course.topic,
		origin: course.origin,
		audiences: course.audiences.map((a) => a.audience),
		lecturers: course.lecturers.map((l) => l.lecturer),
		lessons,
		progress: summarizeProgress(lessonIds, rows),
		resumeLessonSlug: resume?.slug ?? null,
		assignment,
	}
}

/** The id of a lesson a learner may open, for recording progress and answers against it. */
export async function findLearnerLessonId(db: DbOrTx, { courseSlug, lessonSlug }: { courseSlug: string; lessonSlug: string }) {
	const lesson = await db.lesson.findFirst({
		where: { slug: lessonSlug, ...LEARNER_VISIBLE_LESSON, course: { ...LEARNER_VISIBLE_LESSON.course, slug: courseSlug } },
		select: { id: true },
	})
	return lesson?.id ?? null
}

/**
 * What a lesson page shows every reader alike: the course, the lesson's neighbours, the
 * published version's bundle and its 共性问题 cards. Nothing in it depends on who reads,
 * which is why the page can be rendered once per version (lesson-document.server.ts).
 */
export async function getLessonDocument(
	db: DbOrTx,
	{ courseSlug, lessonSlug }: { courseSlug: string; lessonSlug: string },
	cache: LessonBundleCache = lessonBundles,
) {
	const shell = await lessonShell(db, { courseSlug, lessonSlug })
	if (!shell) return null
	const { bodyHash, imageUrls, checkKeys, ...view } = shell
	const versionId = shell.lesson.versionId
	const code = await cache.code(db, {
		bodyHash,
		imageUrls,
		body: async () => storedLessonBody((await db.lessonVersion.findUniqueOrThrow({ where: { id: versionId }, select: { source: true } })).source),
	})
	return { ...view, code, checkKeys }
}

export type LessonPersonal = Awaited<ReturnType<typeof getLessonPersonal>>

/**
 * One reader's part of a lesson page: how far they got and their answers to its knowledge
 * checks. `versionId` travels with it so a page never applies it to another version.
 */
export async function getLessonPersonal(
	db: DbOrTx,
	{ userId, lessonId, versionId, hasChecks }: { userId: string; lessonId: string; versionId: string; hasChecks: boolean },
) {
	const [progress, answered] = await Promise.all([
		db.lessonProgress.findUnique({ where: { userId_lessonId: { userId, lessonId } }, select: { position: true, completedAt: true, timeSpentSeconds: true } }),
		hasChecks ? answeredChecks(db, { userId, versionId }) : Promise.resolve<Awaited<ReturnType<typeof answeredChecks>>>({}),
	])
	return {
		versionId,
		progress: { position: progress?.position ?? 0, completed: Boolean(progress?.completedAt), timeSpentSeconds: progress?.timeSpentSeconds ?? 0 },
		answered,
	}
}

/** The whole lesson page for one reader, as a client-side navigation asks for it. */
export async function getLessonForLearner(
	db: DbOrTx,
	{ courseSlug, lessonSlug, userId }: { courseSlug: string; lessonSlug: string; userId: string },
	cache: LessonBundleCache = lessonBundles,
) {
	const document = await getLessonDocument(db, { courseSlug, lessonSlug }, cache)
	if (!document) return null
	const personal = await getLessonPersonal(db, { userId, lessonId: document.lesson.id, versionId: document.lesson.versionId, hasChecks: document.checkKeys.length > 0 })
	return { ...document, personal }
}
