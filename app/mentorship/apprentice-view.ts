// Everything the apprentice page shows, for one pairing seen by one viewer: course progress,
// released scores over time, weak topics, 错题 due, recent activity, assignments, check-ins,
// reflections, projects and the term evaluation.
import { myLearning } from '#app/courses/progress.ts'
import { embargoedQuestionIds } from '#app/exams/rounds/key-embargo.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import type { PairingAccess } from './access.ts'
import { releasedScores } from './activity.ts'
import { listAssignments } from './assignments.ts'
import { chinaDayOf } from './dates.ts'
import { listCheckIns, listProjects, listReflections } from './journal.ts'
import { getPairingRow } from './overview.ts'
import { peopleByIds } from './pairings.ts'
import { getEvaluation } from './term.ts'
import { weakTopicsOf } from './weak-topics.ts'

/** 错题 whose review is due, not counting questions embargoed by an upcoming round (ADR 038). */
export async function mistakesDue(db: DbOrTx, userId: string, now: Date) {
	const embargoed = await embargoedQuestionIds(db, now)
	const cards = await db.practiceCard.findMany({ where: { userId, source: 'mistake', due: { lte: now } }, select: { questionId: true } })
	return cards.filter((c) => !embargoed.has(c.questionId)).length
}

async function recentActivity(db: DbOrTx, userId: string, now: Date) {
	const since = new Date(now.getTime() - 30 * 24 * 3600 * 1000)
	const [lessons, practiceCount] = await Promise.all([
		db.lessonProgress.findMany({
			where: { userId },
			orderBy: { lastSeenAt: 'desc' },
			take: 6,
			select: { lastSeenAt: true, completedAt: true, lesson: { select: { slug: true, course: { select: { slug: true, title: true } }, publishedVersion: { select: { title: true } } } } },
		}),
		db.practiceReview.count({ where: { userId, reviewedAt: { gte: since } } }),
	])
	return {
		lessons: lessons.map((l) => ({
			title: l.lesson.publishedVersion?.title ?? l.lesson.slug,
			course: l.lesson.course.title,
			href: `/learn/courses/${l.lesson.course.slug}/${l.lesson.slug}`,
			at: l.lastSeenAt,
			completed: Boolean(l.completedAt),
		})),
		practiceLast30Days: practiceCount,
	}
}

export async function apprenticeView(db: DbOrTx, access: Extract<PairingAccess, { ok: true }>, now = new Date()) {
	const pairing = (await getPairingRow(db, access.pairingId, now))!
	const userId = access.apprenticeId
	// Records of this pairing only: a mentor reads their own term, not a successor's.
	const [learning, scores, weak, due, activity, assignments, checkIns, reflections, projects, evaluation] = await Promise.all([
		myLearning(db, userId),
		releasedScores(db, [userId], now),
		weakTopicsOf(db, userId, now),
		mistakesDue(db, userId, now),
		recentActivity(db, userId, now),
		listAssignments(db, { userIds: [userId], pairingId: pairing.id }, now),
		listCheckIns(db, [pairing.id]),
		listReflections(db, [pairing.id]),
		listProjects(db, userId),
		getEvaluation(db, pairing.id),
	])
	const pairingProjects = projects.filter((p) => p.pairingId === pairing.id)
	const authors = await peopleByIds(db, [...pairingProjects.flatMap((p) => [p.createdById, ...p.comments.map((c) => c.authorId)])])
	return {
		pairing,
		courses: [...learning.inProgress, ...learning.completed],
		scores: (scores.get(userId) ?? []).map((s) => ({ title: s.title, percent: s.percent, score: s.score, maxScore: s.maxScore, day: chinaDayOf(s.finishedAt) })),
		weakTopics: weak,
		mistakesDue: due,
		activity,
		assignments,
		checkIns,
		reflections,
		projects: pairingProjects.map((p) => ({
			...p,
			authorName: authors.get(p.createdById)?.name ?? '',
			comments: p.comments.map((c) => ({ ...c, authorName: authors.get(c.authorId)?.name ?? '' })),
		})),
		evaluation,
	}
}

/** The apprentice's own view: their current (else latest) pairing, and the history. */
export async function myMentorship(db: DbOrTx, userId: string, now = new Date()) {
	const pairings = await db.pairing.findMany({ where: { apprenticeId: userId }, select: { id: true, mentorId: true, status: true }, orderBy: [{ startsOn: 'desc' }, { createdAt: 'desc' }] })
	const current = pairings.find((p) => p.status === 'active') ?? pairings[0]
	if (!current) return null
	const view = await apprenticeView(db, { ok: true, mode: 'apprentice', pairingId: current.id, apprenticeId: userId, mentorId: current.mentorId, active: current.status === 'active' }, now)
	return { ...view, history: pairings.length }
}

/** 指定学习 for the learner's own pages: everything assigned to them, open ones first. */
export async function myAssignments(db: DbOrTx, userId: string, now = new Date()) {
	const all = await listAssignments(db, { userIds: [userId] }, now)
	return [...all.filter((a) => !a.done), ...all.filter((a) => a.done).reverse()]
}
