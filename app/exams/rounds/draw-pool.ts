// The database side of drawing: a round's rules and the active questions they may take.
import { z } from 'zod'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import type { DrawCandidate, DrawRuleSpec } from './draw.ts'

const OptionKeysSchema = z.array(z.object({ key: z.string() }).transform((option) => option.key))

export async function loadDrawRules(db: DbOrTx, roundId: string): Promise<DrawRuleSpec[]> {
	return db.drawRule.findMany({
		where: { roundId },
		orderBy: { position: 'asc' },
		select: { position: true, topic: true, type: true, difficulty: true, count: true, pointsEach: true },
	})
}

/** Active questions (their current versions) that any of the rules could take. */
export async function loadDrawCandidates(db: DbOrTx, rules: readonly DrawRuleSpec[]): Promise<DrawCandidate[]> {
	if (rules.length === 0) return []
	const questions = await db.question.findMany({
		where: {
			status: 'active',
			currentVersionId: { not: null },
			OR: rules.map((rule) => ({ topic: rule.topic, type: rule.type, ...(rule.difficulty == null ? {} : { difficulty: rule.difficulty }) })),
		},
		select: { id: true, topic: true, type: true, difficulty: true, currentVersion: { select: { id: true, options: true } } },
	})
	return questions.flatMap((question) =>
		question.currentVersion
			? [
					{
						questionId: question.id,
						versionId: question.currentVersion.id,
						topic: question.topic,
						type: question.type,
						difficulty: question.difficulty,
						optionKeys: OptionKeysSchema.parse(JSON.parse(question.currentVersion.options)),
					},
				]
			: [],
	)
}
