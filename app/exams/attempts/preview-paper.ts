// The admin's paper preview: a paper exactly as a learner's attempt would draw it from a seed.
// It lives with attempts (not rounds/publish.ts) because it reuses the attempt's seed and option
// order; rounds never import attempts (docs/conventions.md).
import { columnsToContent, VERSION_CONTENT_SELECT } from '#app/exams/bank/version-content.server.ts'
import { describeRule, drawPaper } from '#app/exams/rounds/draw.ts'
import { loadDrawCandidates, loadDrawRules } from '#app/exams/rounds/draw-pool.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { orderedOptions } from './learner-paper.ts'
import { newAttemptSeed } from './start-attempt.server.ts'

/** A paper exactly as a learner would draw it from this seed, with keys (admins only). */
export async function previewPaper(db: DbOrTx, { roundId, seed = newAttemptSeed() }: { roundId: string; seed?: string }) {
	const round = await db.round.findUnique({ where: { id: roundId }, select: { shuffleQuestions: true, shuffleOptions: true } })
	if (!round) return null
	const rules = await loadDrawRules(db, roundId)
	const drawn = drawPaper(rules, await loadDrawCandidates(db, rules), { seed, ...round })
	if (!drawn.ok) return { seed, ok: false as const, shortages: drawn.shortages.map((s) => s.message) }
	const versions = await db.questionVersion.findMany({
		where: { id: { in: drawn.questions.map((q) => q.versionId) } },
		select: { id: true, ...VERSION_CONTENT_SELECT },
	})
	const byId = new Map(versions.map((v) => [v.id, v]))
	return {
		seed,
		ok: true as const,
		questions: drawn.questions.map((question) => {
			const version = byId.get(question.versionId)!
			return {
				position: question.position,
				rule: describeRule(rules.find((r) => r.position === question.rulePosition)!),
				points: question.points,
				content: columnsToContent(version),
				options: orderedOptions(version.options, JSON.stringify(question.optionOrder)),
			}
		}),
	}
}
