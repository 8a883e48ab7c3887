// Links from a question to the lessons and common problems it refers to (资料链接 in the
// review and the 错题本). A question names a lesson by id, a course by slug, or
// "course-slug/lesson-slug"; a problem by its code (CZ-001) or id. Unknown refs stay text.
import type { DbOrTx } from '#app/utils/db-client.server.ts'

export type StudyLink = { ref: string; href: string | null; label: string }

export async function resolveStudyLinks(db: DbOrTx, { lessonRefs, problemRefs }: { lessonRefs: readonly string[]; problemRefs: readonly string[] }) {
	const lessonSet = [...new Set(lessonRefs)]
	const problemSet = [...new Set(problemRefs)]
	const pairs = lessonSet.flatMap((ref) => {
		const [course, lesson, ...rest] = ref.split('/')
		return course && lesson && rest.length === 0 ? [{ ref, course, lesson }] : []
	})
	const [lessonsById, courses, lessonsBySlug, problems] = await Promise.all([
		lessonSet.length
			? db.lesson.findMany({ where: { id: { in: lessonSet }, archivedAt: null }, select: { id: true, slug: true, course: { select: { slug: true } }, publishedVersion: { select: { title: true } } } })
			: [],
		lessonSet.length ? db.course.findMany({ where: { slug: { in: lessonSet } }, select: { slug: true, title: true } }) : [],
		pairs.length
			? db.lesson.findMany({
					where: { OR: pairs.map((p) => ({ slug: p.lesson, course: { slug: p.course } })), archivedAt: null },
					select: { slug: true, course: { select: { slug: true } }, publishedVersion: { select: { title: true } } },
				})
			: [],
		problemSet.length ? db.commonProblem.findMany({ where: { OR: [{ code: { in: problemSet } }, { id: { in: problemSet } }] }, select: { id: true, code: true, title: true } }) : [],
	])
	const lessonLink = (ref: string): StudyLink => {
		const byId = lessonsById.find((l) => l.id === ref)
		const bySlug = lessonsBySlug.find((l) => `${l.course.slug}/${l.slug}` === ref)
		const lesson = byId ?? bySlug
		if (lesson) return { ref, href: `/learn/courses/${lesson.course.slug}/${lesson.slug}`, label: `课程：${lesson.publishedVersion?.title ?? lesson.slug}` }
		const course = courses.find((c) => c.slug === ref)
		if (course) return { ref, href: `/learn/courses/${course.slug}`, label: `课程：${course.title}` }
		return { ref, href: null, label: `课程：${ref}` }
	}
	const problemLink = (ref: string): StudyLink => {
		const problem = problems.find((p) => p.code === ref || p.id === ref)
		return problem ? { ref, href: `/problems/${problem.code}`, label: `共性问题 ${problem.code}：${problem.title}` } : { ref, href: null, label: `共性问题：${ref}` }
	}
	return { lessons: new Map(lessonSet.map((ref) => [ref, lessonLink(ref)])), problems: new Map(problemSet.map((ref) => [ref, problemLink(ref)])) }
}

/** Attaches resolved links to items that carry lessonRefs / problemRefs. */
export async function withStudyLinks<T extends { lessonRefs: string[]; problemRefs: string[] }>(db: DbOrTx, items: T[]) {
	const { lessons, problems } = await resolveStudyLinks(db, {
		lessonRefs: items.flatMap((i) => i.lessonRefs),
		problemRefs: items.flatMap((i) => i.problemRefs),
	})
	return items.map((item) => ({
		...item,
		lessonLinks: item.lessonRefs.map((ref) => lessons.get(ref)!),
		problemLinks: item.problemRefs.map((ref) => problems.get(ref)!),
	}))
}
