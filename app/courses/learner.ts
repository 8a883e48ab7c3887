// What learners read: the catalog, a course with their progress, and a lesson page built
// from the published version's cached bundle (a cached view compiles nothing). Drafts,
// answer keys and other learners' data never enter these views.
import { z } from 'zod'
import type { DbOrTx } from '#app/utils/db-client.ts'
import { answeredChecks } from './knowledge-checks.ts'
import { problemCardsFor } from './lessons.ts'
import { type LessonBundleCache, lessonBundles } from './mdx/bundle-cache.server.ts'
import { storedLessonBody } from './mdx/check-lesson.ts'
import { RegulationRefSchema } from './mdx/frontmatter.ts'
import { LEARNER_VISIBLE_LESSON, progressRowsFor, summarizeProgress } from './progress.ts'
import { AUDIENCES, type Audience, type Topic, TOPICS } from './vocabulary.ts'

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

const JsonStringList = z.array(z.string())

/** The id of a lesson a learner may open, for recording progress and answers against it. */
export async function findLearnerLessonId(db: DbOrTx, { courseSlug, lessonSlug }: { courseSlug: string; lessonSlug: string }) {
	const lesson = await db.lesson.findFirst({
		where: { slug: lessonSlug, ...LEARNER_VISIBLE_LESSON, course: { ...LEARNER_VISIBLE_LESSON.course, slug: courseSlug } },
		select: { id: true },
	})
	return lesson?.id ?? null
}

export async function getLessonForLearner(
	db: DbOrTx,
	{ courseSlug, lessonSlug, userId }: { courseSlug: string; lessonSlug: string; userId: string },
	cache: LessonBundleCache = lessonBundles,
) {
	const course = await db.course.findFirst({
		where: { slug: courseSlug, status: 'published' },
		select: {
			id: true,
			slug: true,
			title: true,
			lessons: { where: LEARNER_VISIBLE_LESSON, orderBy: { position: 'asc' }, select: { id: true, slug: true, publishedVersion: { select: { title: true } } } },
		},
	})
	const index = course?.lessons.findIndex((lesson) => lesson.slug === lessonSlug) ?? -1
	if (!course || index < 0) return null
	const lessonId = course.lessons[index]!.id
	// Progress and the checks' keys ride along with the version: a cached page view is a
	// handful of indexed reads and no compile.
	const lesson = await db.lesson.findUnique({
		where: { id: lessonId },
		select: {
			progress: { where: { userId }, select: { position: true, completedAt: true, timeSpentSeconds: true } },
			publishedVersion: {
				select: {
					id: true,
					version: true,
					title: true,
					summary: true,
					estimatedMinutes: true,
					tags: true,
					regulations: true,
					bodyHash: true,
					problemCodes: true,
					publishedAt: true,
					checks: { select: { key: true } },
				},
			},
		},
	})
	const version = lesson?.publishedVersion
	if (!version) return null
	const problemCodes = JsonStringList.parse(JSON.parse(version.problemCodes))
	const [code, answered, problems] = await Promise.all([
		cache.code(db, {
			bodyHash: version.bodyHash,
			body: async () => storedLessonBody((await db.lessonVersion.findUniqueOrThrow({ where: { id: version.id }, select: { source: true } })).source),
		}),
		version.checks.length ? answeredChecks(db, { userId, versionId: version.id }) : Promise.resolve<Awaited<ReturnType<typeof answeredChecks>>>({}),
		problemCardsFor(db, problemCodes),
	])
	const progress = lesson.progress[0]
	const sibling = (offset: number) => {
		const other = course.lessons[index + offset]
		return other ? { slug: other.slug, title: other.publishedVersion!.title } : null
	}
	return {
		course: { slug: course.slug, title: course.title },
		lesson: {
			id: lessonId,
			versionId: version.id,
			version: version.version,
			title: version.title,
			summary: version.summary,
			estimatedMinutes: version.estimatedMinutes,
			tags: JsonStringList.parse(JSON.parse(version.tags)),
			regulations: z.array(RegulationRefSchema).parse(JSON.parse(version.regulations)),
			publishedAt: version.publishedAt,
			position: index + 1,
			total: course.lessons.length,
		},
		code,
		problems,
		checks: { keys: version.checks.map((check) => check.key), answered },
		progress: progress ?? { position: 0, completedAt: null, timeSpentSeconds: 0 },
		previous: sibling(-1),
		next: sibling(1),
	}
}
