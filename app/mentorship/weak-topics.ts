// Weak topics: what an apprentice keeps getting wrong, by 专题 and tag, from missed test
// questions (rounds whose review has opened) and wrong practice answers, with the lessons and
// 共性问题 that teach them. Questions whose keys are embargoed are left out, as in the 错题本
// (ADR 038): counting them would say something about a paper still to come.
import { withStudyLinks } from '#app/exams/attempts/study-links.ts'
import { missedExamQuestions } from '#app/exams/practice/mistakes.ts'
import { embargoedQuestionIds } from '#app/exams/rounds/key-embargo.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'

export type Miss = { questionId: string; topic: string; tags: string[]; lessonRefs: string[]; problemRefs: string[] }

export type WeakTopic = {
	topic: string
	misses: number
	questions: number
	tags: { tag: string; misses: number }[]
	lessonRefs: string[]
	problemRefs: string[]
}

/** Groups misses by 专题, most missed first; tags within by count; refs most cited first. */
export function weakTopics(misses: readonly Miss[]): WeakTopic[] {
	const byTopic = new Map<string, { misses: number; questions: Set<string>; tags: Map<string, number>; lessons: Map<string, number>; problems: Map<string, number> }>()
	for (const miss of misses) {
		const entry = byTopic.get(miss.topic) ?? { misses: 0, questions: new Set(), tags: new Map(), lessons: new Map(), problems: new Map() }
		entry.misses++
		entry.questions.add(miss.questionId)
		for (const tag of new Set(miss.tags)) entry.tags.set(tag, (entry.tags.get(tag) ?? 0) + 1)
		for (const ref of new Set(miss.lessonRefs)) entry.lessons.set(ref, (entry.lessons.get(ref) ?? 0) + 1)
		for (const ref of new Set(miss.problemRefs)) entry.problems.set(ref, (entry.problems.get(ref) ?? 0) + 1)
		byTopic.set(miss.topic, entry)
	}
	const ranked = (counts: Map<string, number>) => [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
	return [...byTopic.entries()]
		.map(([topic, e]) => ({
			topic,
			misses: e.misses,
			questions: e.questions.size,
			tags: ranked(e.tags).map(([tag, count]) => ({ tag, misses: count })),
			lessonRefs: ranked(e.lessons).map(([ref]) => ref),
			problemRefs: ranked(e.problems).map(([ref]) => ref),
		}))
		.sort((a, b) => b.misses - a.misses || a.topic.localeCompare(b.topic))
}

function jsonList(value: string | null | undefined): string[] {
	try {
		const parsed: unknown = JSON.parse(value ?? '[]')
		return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : []
	} catch {
		return []
	}
}

/** The apprentice's misses in tests and practice, grouped, with resolved study links. */
export async function weakTopicsOf(db: DbOrTx, userId: string, now = new Date()) {
	const embargoed = await embargoedQuestionIds(db, now)
	const [exam, practice] = await Promise.all([
		missedExamQuestions(db, { userId, now, embargoed }),
		db.practiceReview.findMany({ where: { userId, correct: false }, select: { questionId: true } }),
	])
	const practiceIds = [...new Set(practice.map((r) => r.questionId))].filter((id) => !embargoed.has(id))
	const versions = practiceIds.length
		? await db.question.findMany({ where: { id: { in: practiceIds } }, select: { id: true, currentVersion: { select: { topic: true, tags: true, lessonRefs: true, problemRefs: true } } } })
		: []
	const current = new Map(versions.map((q) => [q.id, q.currentVersion]))
	const misses: Miss[] = [
		...exam.map((row) => ({
			questionId: row.questionVersion.questionId,
			topic: row.questionVersion.topic,
			tags: jsonList(row.questionVersion.tags),
			lessonRefs: jsonList(row.questionVersion.lessonRefs),
			problemRefs: jsonList(row.questionVersion.problemRefs),
		})),
		...practice.flatMap((row) => {
			const v = current.get(row.questionId)
			if (!v || embargoed.has(row.questionId)) return []
			return [{ questionId: row.questionId, topic: v.topic, tags: jsonList(v.tags), lessonRefs: jsonList(v.lessonRefs), problemRefs: jsonList(v.problemRefs) }]
		}),
	]
	return withStudyLinks(db, weakTopics(misses).slice(0, 8))
}
