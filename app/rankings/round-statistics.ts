// Statistics of a round for admins and lecturers: score distribution and item analysis over
// each person's best fully graded attempt (one paper per person, so repeat sitters do not
// weigh twice). Papers still being graded are counted but left out until complete. Per unit:
// participants, mean, participation and index by the ranking's unit rules (unit-comparison.ts).
import { z } from 'zod'
import { QUESTION_TYPE_LABELS, type QuestionType } from '#app/exams/bank/question-types.ts'
import { TOPIC_LABELS, type Topic } from '#app/utils/topics.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { parseStoredAnswer } from '#app/exams/attempts/save-answer.server.ts'
import { roundScore } from '#app/exams/grading/objective.ts'
import { analyseItems, optionDistribution, scoreHistogram, summariseScores, type ScoredPaper } from '#app/exams/stats/item-analysis.ts'
import { unitComparison } from './unit-comparison.ts'

const OptionsSchema = z.array(z.object({ key: z.string(), text: z.string() }))
const KeySchema = z.union([z.string(), z.array(z.unknown()), z.boolean()])

function keyOptions(type: string, answerKeyJson: string): string[] {
	const key = KeySchema.safeParse(JSON.parse(answerKeyJson))
	if (!key.success) return []
	if (type === 'single' && typeof key.data === 'string') return [key.data]
	if (type === 'multiple' && Array.isArray(key.data)) return key.data.filter((k): k is string => typeof k === 'string')
	return []
}

export async function getRoundStatistics(db: DbOrTx, roundId: string) {
	const round = await db.round.findUnique({ where: { id: roundId }, select: { id: true, title: true, season: { select: { name: true } } } })
	if (!round) return null
	const [attempts, inProgress, awaitingGrading, handedIn] = await Promise.all([
		db.attempt.findMany({
			where: { roundId, status: { in: ['submitted', 'expired'] }, gradingStatus: 'complete' },
			select: {
				id: true,
				userId: true,
				score: true,
				maxScore: true,
				questions: { select: { questionVersionId: true, points: true, finalScore: true, autoScore: true, answer: true } },
			},
		}),
		db.attempt.count({ where: { roundId, status: 'open' } }),
		db.attempt.count({ where: { roundId, status: { in: ['submitted', 'expired'] }, gradingStatus: { not: 'complete' } } }),
		db.attempt.findMany({ where: { roundId, status: { in: ['submitted', 'expired'] } }, select: { userId: true }, distinct: ['userId'] }),
	])
	const best = new Map<string, (typeof attempts)[number]>()
	for (const attempt of attempts) {
		const current = best.get(attempt.userId)
		if (!current || (attempt.score ?? 0) > (current.score ?? 0)) best.set(attempt.userId, attempt)
	}
	const papers: ScoredPaper[] = [...best.values()].map((attempt) => ({
		paperId: attempt.id,
		score: attempt.score ?? 0,
		maxScore: attempt.maxScore,
		items: attempt.questions.map((q) => ({
			itemId: q.questionVersionId,
			points: q.points,
			score: q.finalScore ?? q.autoScore ?? 0,
			answer: parseStoredAnswer(q.answer),
		})),
	}))
	const itemStats = analyseItems(papers)
	const comparison = await unitComparison(db, {
		roundId,
		scores: new Map([...best].map(([userId, attempt]) => [userId, roundScore(attempt.score ?? 0)])),
		handedIn: new Set(handedIn.map((a) => a.userId)),
	})
	const versions = await db.questionVersion.findMany({
		where: { id: { in: [...itemStats.keys()] } },
		select: { id: true, questionId: true, version: true, type: true, topic: true, stem: true, options: true, answerKey: true },
	})
	const items = versions
		.map((version) => {
			const stat = itemStats.get(version.id)!
			const options = OptionsSchema.parse(JSON.parse(version.options))
			const correct = new Set(keyOptions(version.type, version.answerKey))
			const answers = papers.flatMap((paper) => paper.items.filter((item) => item.itemId === version.id).map((item) => item.answer))
			const distribution = options.length ? optionDistribution(options.map((o) => o.key), answers) : null
			return {
				...stat,
				questionId: version.questionId,
				version: version.version,
				type: version.type,
				typeLabel: QUESTION_TYPE_LABELS[version.type as QuestionType] ?? version.type,
				topicLabel: TOPIC_LABELS[version.topic as Topic] ?? version.topic,
				stem: version.stem,
				options: distribution
					? {
							unanswered: distribution.unanswered,
							counts: distribution.counts.map((c) => ({ ...c, text: options.find((o) => o.key === c.key)!.text, isKey: correct.has(c.key) })),
						}
					: null,
			}
		})
		.sort((a, b) => Number(b.negativeDiscrimination) - Number(a.negativeDiscrimination) || (a.facility ?? 1) - (b.facility ?? 1))
	return {
		round: { id: round.id, title: round.title, seasonName: round.season.name },
		inProgress,
		awaitingGrading,
		summary: summariseScores(papers.map((p) => p.score)),
		maxScore: papers[0]?.maxScore ?? null,
		histogram: scoreHistogram(papers),
		units: {
			minUnitSize: comparison?.minUnitSize ?? null,
			rows: (comparison?.units ?? []).map((unit) => ({
				rank: unit.rank,
				unitName: unit.unitName,
				merged: unit.mergedUnitIds.length,
				eligible: unit.eligible,
				participants: unit.participants,
				meanScore: unit.meanScore,
				participationRate: unit.participationRate,
				meanPercent: unit.meanScore === null || !comparison?.maxScore ? 0 : Math.round((unit.meanScore / comparison.maxScore) * 1000) / 10,
				index: unit.index,
			})),
		},
		items,
	}
}

export type RoundStatistics = NonNullable<Awaited<ReturnType<typeof getRoundStatistics>>>
