// The part of a lesson page that is the same for every learner — the course, the lesson's
// neighbours, the published version and its 共性问题 cards — kept in memory for a few
// seconds per database, so a page view reads only the learner's own progress and answers.
// Writes in this process forget it at once; other processes see a change within the TTL.
import { LRUCache } from 'lru-cache'
import { z } from 'zod'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { parseStoredImageUrls } from './images/image-refs.ts'
import { problemCardsFor, type ProblemCardData } from './problems.ts'
import { RegulationRefSchema } from './mdx/frontmatter.ts'
import { LEARNER_VISIBLE_LESSON } from './progress.ts'

export const LESSON_SHELL_TTL_MS = 10_000

const JsonStringList = z.array(z.string())

async function readLessonShell(db: DbOrTx, courseSlug: string, lessonSlug: string) {
	const course = await db.course.findFirst({
		where: { slug: courseSlug, status: 'published' },
		select: {
			slug: true,
			title: true,
			lessons: { where: LEARNER_VISIBLE_LESSON, orderBy: { position: 'asc' }, select: { id: true, slug: true, publishedVersion: { select: { title: true } } } },
		},
	})
	const index = course?.lessons.findIndex((lesson) => lesson.slug === lessonSlug) ?? -1
	if (!course || index < 0) return null
	const lessonId = course.lessons[index]!.id
	const lesson = await db.lesson.findUnique({
		where: { id: lessonId },
		select: {
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
					imageUrls: true,
					problemCodes: true,
					publishedAt: true,
					checks: { select: { key: true } },
				},
			},
		},
	})
	const version = lesson?.publishedVersion
	if (!version) return null
	const problems: ProblemCardData[] = await problemCardsFor(db, JsonStringList.parse(JSON.parse(version.problemCodes)))
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
		bodyHash: version.bodyHash,
		/** A git lesson's image files → stored URLs, compiled into its body (ADR 016). */
		imageUrls: parseStoredImageUrls(version.imageUrls),
		checkKeys: version.checks.map((check) => check.key),
		problems,
		previous: sibling(-1),
		next: sibling(1),
	}
}

export type LessonShell = NonNullable<Awaited<ReturnType<typeof readLessonShell>>>

const shellsByDb = new WeakMap<DbOrTx, LRUCache<string, { shell: LessonShell | null }>>()

export async function lessonShell(db: DbOrTx, { courseSlug, lessonSlug }: { courseSlug: string; lessonSlug: string }) {
	let shells = shellsByDb.get(db)
	if (!shells) shellsByDb.set(db, (shells = new LRUCache({ max: 1000, ttl: LESSON_SHELL_TTL_MS })))
	const key = `${courseSlug}/${lessonSlug}`
	const remembered = shells.get(key)
	if (remembered) return remembered.shell
	const shell = await readLessonShell(db, courseSlug, lessonSlug)
	shells.set(key, { shell })
	return shell
}

/** Called after anything a learner's lesson page shows was changed. */
export function forgetLessonShells(db: DbOrTx) {
	shellsByDb.get(db)?.clear()
}
