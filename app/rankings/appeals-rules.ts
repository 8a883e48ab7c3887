// Who may appeal which question, and until when (成绩申诉, ADR 062). One function decides it for
// the learner's form and for filing, so the page never offers what filing would refuse.
import { attemptRelease, roundReleaseTimes } from '#app/exams/timing/result-release.ts'
import { embargoedQuestionIds } from '#app/exams/rounds/key-embargo.ts'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'

import { APPEAL_STATUS_LABELS, APPEAL_WINDOW_DAYS, type AppealStatus } from './appeals-labels.ts'

export { APPEAL_STATUS_LABELS, APPEAL_STATUSES, APPEAL_WINDOW_DAYS, type AppealStatus } from './appeals-labels.ts'

const DAY_MS = 24 * 3600_000

export type AppealWindow = { opensAt: Date; closesAt: Date; publicationTitle: string; version: number }

/**
 * The window opens with the first publication that can show this round's results: a snapshot of
 * the round itself, or of its season published after the round closed (one published before
 * cannot hold its scores). It stays open APPEAL_WINDOW_DAYS; republishing does not reopen it.
 */
export async function appealWindow(db: DbOrTx, round: { id: string; seasonId: string; closesAt: Date }): Promise<AppealWindow | null> {
	const first = await db.rankingSnapshot.findFirst({
		where: { OR: [{ scope: 'round', scopeId: round.id }, { scope: 'season', scopeId: round.seasonId, publishedAt: { gte: round.closesAt } }] },
		orderBy: [{ publishedAt: 'asc' }, { version: 'asc' }],
		select: { publishedAt: true, title: true, version: true },
	})
	if (!first) return null
	return { opensAt: first.publishedAt, closesAt: new Date(first.publishedAt.getTime() + APPEAL_WINDOW_DAYS * DAY_MS), publicationTitle: first.title, version: first.version }
}

export type AppealableQuestion = {
	attemptQuestionId: string
	position: number
	type: string
	points: number
	/** The released mark; null while marks are not released or the question is embargoed. */
	score: number | null
	/** Why this question cannot be appealed now, or null if it can. */
	blocked: string | null
	appeal: { id: string; status: AppealStatus } | null
}

export type AppealContext = {
	attemptId: string
	userId: string
	round: { id: string; title: string; seasonId: string }
	window: AppealWindow | null
	/** Why nothing on this attempt can be appealed now, or null. */
	blocked: string | null
	questions: AppealableQuestion[]
}

/** The attempt as its owner may appeal it at `now`; null when it is not theirs. */
export async function appealContext(db: DbOrTx, { attemptId, userId, now }: { attemptId: string; userId: string; now: Date }): Promise<AppealContext | null> {
	const attempt = await db.attempt.findFirst({
		where: { id: attemptId, userId },
		select: {
			id: true,
			status: true,
			finishedAt: true,
			round: { select: { id: true, title: true, seasonId: true, closesAt: true, reviewOpensAt: true, scoreRelease: true, marksRelease: true } },
			questions: { orderBy: { position: 'asc' }, select: { id: true, position: true, points: true, finalScore: true, questionVersion: { select: { type: true, questionId: true } } } },
		},
	})
	if (!attempt) return null
	const { round } = attempt
	const release = attemptRelease(round, await roundReleaseTimes(db, round), attempt, now)
	const window = await appealWindow(db, round)
	const blocked =
		attempt.status === 'open'
			? '答卷尚未交卷，不能申诉'
			: !release.marks.released
				? '每题得分尚未公布，公布后才能申诉'
				: !window
					? '本轮排行榜尚未发布，发布后开放申诉'
					: now < window.opensAt
						? '申诉期尚未开始'
						: now > window.closesAt
							? `申诉期已于 ${formatChinaDateTime(window.closesAt)} 截止`
							: null
	// A mark on a question another round can still draw is not shown (ADR 038), so it cannot be disputed either.
	const embargoed = release.marks.released ? await embargoedQuestionIds(db, now, { exceptRoundId: round.id }) : new Set<string>()
	const appeals = await db.appeal.findMany({ where: { attemptId }, select: { id: true, attemptQuestionId: true, status: true } })
	const appealByQuestion = new Map(appeals.map((a) => [a.attemptQuestionId, a]))
	const questions = attempt.questions.map((question): AppealableQuestion => {
		const withheld = embargoed.has(question.questionVersion.questionId)
		const appeal = appealByQuestion.get(question.id)
		const own = appeal ? { id: appeal.id, status: appeal.status as AppealStatus } : null
		return {
			attemptQuestionId: question.id,
			position: question.position,
			type: question.questionVersion.type,
			points: question.points,
			score: release.marks.released && !withheld ? question.finalScore : null,
			blocked:
				blocked ??
				(own
					? `该题已申诉（${APPEAL_STATUS_LABELS[own.status]}），每题只能申诉一次`
					: withheld
						? '该题仍在其他考试的题库中，得分暂不公布，不能申诉'
						: question.finalScore === null
							? '该题尚未评定得分'
							: null),
			appeal: own,
		}
	})
	return { attemptId: attempt.id, userId, round: { id: round.id, title: round.title, seasonId: round.seasonId }, window, blocked, questions }
}
