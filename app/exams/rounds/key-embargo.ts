// Whose keys a learner may see right now (ADR 038). A round's review makes its papers' keys
// public, but the same question may still be drawn by another round that is open, upcoming
// or not yet reviewed; showing its key in that round's review, in practice or in the 错题本
// would hand it to everyone who sits that other round. So before any key (or anything that
// correlates with it: per-question correctness, marks, 解析) reaches a learner, the caller
// removes the questions `embargoedQuestionIds` names.
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { findDrawShortages, describeRule, type DrawCandidate, type DrawRuleSpec } from './draw.ts'
import { isReviewOpen, listReviewOpenRoundIds } from '#app/exams/timing/review-window.ts'

type RuleMatch = { topic: string; type: string; difficulty: number | null }

function ruleFilter(rule: RuleMatch) {
	return { topic: rule.topic, type: rule.type, ...(rule.difficulty == null ? {} : { difficulty: rule.difficulty }) }
}

/**
 * Published rounds whose review has not opened: upcoming, open, or closed while someone may
 * still be answering or before the configured review time. Drafts are invisible to learners
 * and hold no papers; they embargo nothing until published (the draw warning covers them).
 */
export async function listEmbargoingRounds(db: DbOrTx, now: Date) {
	const rounds = await db.round.findMany({
		where: { status: 'published' },
		select: { id: true, closesAt: true, reviewOpensAt: true, drawRules: { select: { topic: true, type: true, difficulty: true } } },
	})
	const embargoing = await Promise.all(
		rounds.map(async (round) => {
			// Before the close (or a configured later review) no query is needed to know review is shut.
			if (round.closesAt > now || (round.reviewOpensAt && round.reviewOpensAt > now)) return round
			return (await isReviewOpen(db, round, now)) ? null : round
		}),
	)
	return embargoing.filter((round) => round !== null)
}

/**
 * Questions whose keys are embargoed at `now`: every question (any status — a retired one
 * can be reactivated mid-round) that a draw rule of an embargoing round matches, plus every
 * question already on one of its papers (its topic or difficulty may have been edited since).
 * A question reviewed in round A stays embargoed while it is in the pool of round B.
 * `exceptRoundId` ignores one round's own embargo (not the others'): marks released before
 * that round's review are its admin's decision (ADR 039), but no other round's to give away.
 */
export async function embargoedQuestionIds(db: DbOrTx, now: Date, { exceptRoundId }: { exceptRoundId?: string } = {}): Promise<Set<string>> {
	const rounds = (await listEmbargoingRounds(db, now)).filter((round) => round.id !== exceptRoundId)
	if (rounds.length === 0) return new Set()
	const filters = new Map<string, ReturnType<typeof ruleFilter>>()
	for (const rule of rounds.flatMap((round) => round.drawRules)) filters.set(JSON.stringify([rule.topic, rule.type, rule.difficulty]), ruleFilter(rule))
	const questions = await db.question.findMany({
		where: {
			OR: [...filters.values(), { versions: { some: { attemptQuestions: { some: { attempt: { roundId: { in: rounds.map((r) => r.id) } } } } } } }],
		},
		select: { id: true },
	})
	return new Set(questions.map((q) => q.id))
}

/**
 * Questions whose keys have been public: they were on a paper of a round whose review has
 * opened (the review, the 错题本 and practice could show them). `exceptRoundId` leaves one
 * round's own papers out, for that round's draw warning.
 */
export async function publicKeyQuestionIds(db: DbOrTx, now: Date, { exceptRoundId, topic }: { exceptRoundId?: string; topic?: string | null } = {}) {
	const roundIds = (await listReviewOpenRoundIds(db, now)).filter((id) => id !== exceptRoundId)
	if (roundIds.length === 0) return []
	return db.question.findMany({
		where: {
			...(topic ? { topic } : {}),
			versions: { some: { attemptQuestions: { some: { attempt: { roundId: { in: roundIds } } } } } },
		},
		select: { id: true, topic: true, status: true },
	})
}

export type PublicKeyWarning = { position: number; message: string }

/**
 * Rules the bank can fill only by drawing questions whose keys are already public: the same
 * allocation as the draw (ADR 030), run on the questions whose keys are still secret. A rule
 * the whole bank cannot fill is a shortage (publish refuses it) and gets no warning here.
 */
export async function findPublicKeyWarnings(
	db: DbOrTx,
	{ roundId, rules, candidates, now }: { roundId: string; rules: readonly DrawRuleSpec[]; candidates: readonly DrawCandidate[]; now: Date },
): Promise<PublicKeyWarning[]> {
	if (rules.length === 0) return []
	const exposed = new Set((await publicKeyQuestionIds(db, now, { exceptRoundId: roundId })).map((q) => q.id))
	if (exposed.size === 0) return []
	const shortOverall = new Set(findDrawShortages(rules, candidates).map((s) => s.rule.position))
	const secret = candidates.filter((candidate) => !exposed.has(candidate.questionId))
	return findDrawShortages(rules, secret)
		.filter((shortage) => !shortOverall.has(shortage.rule.position))
		.map((shortage) => ({
			position: shortage.rule.position,
			message:
				shortage.available === 0
					? `${describeRule(shortage.rule)}的 ${shortage.needed} 道题只能从答案已公开（已在复盘或练习中公布）的题目中抽取，考生可能已见过答案，请补充新题或调整规则。`
					: `${describeRule(shortage.rule)}需要 ${shortage.needed} 道题，答案尚未公开的题目仅有 ${shortage.available} 道，其余须从答案已公开（已在复盘或练习中公布）的题目中抽取，请补充新题或调整规则。`,
		}))
}
