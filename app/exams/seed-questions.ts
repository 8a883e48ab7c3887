// The seed question bank: written for this project, across the 3+1 topics and every type.
// seedQuestionBank is idempotent: a stem already in the bank is left as it is.
import { insertQuestion } from '#app/exams/bank/questions.ts'
import { QuestionContentSchema, type QuestionContent, type QuestionContentInput } from '#app/exams/bank/question-types.ts'
import { ECONOMIC_RESPONSIBILITY_QUESTIONS } from '#app/exams/bank/seed-data/economic-responsibility.ts'
import { FISCAL_QUESTIONS } from '#app/exams/bank/seed-data/fiscal.ts'
import { FIXED_ASSET_INVESTMENT_QUESTIONS } from '#app/exams/bank/seed-data/fixed-asset-investment.ts'
import { COMBINED_QUESTIONS } from '#app/exams/bank/seed-data/combined.ts'
import { studyLinksForTags } from '#app/exams/bank/seed-data/study-links.ts'
import { stemKeyOf } from '#app/exams/bank/version-content.server.ts'
import type { Db } from '#app/utils/db-client.server.ts'

export const SEED_QUESTIONS: QuestionContentInput[] = [
	...FISCAL_QUESTIONS,
	...ECONOMIC_RESPONSIBILITY_QUESTIONS,
	...FIXED_ASSET_INVESTMENT_QUESTIONS,
	...COMBINED_QUESTIONS,
]

/** Every seed question validated; a mistake in the data fails loudly here, not in a paper. */
export function seedQuestionContents(): QuestionContent[] {
	return SEED_QUESTIONS.map((input, index) => {
		const parsed = QuestionContentSchema.safeParse({ ...input, ...studyLinksForTags(input.tags ?? []) })
		if (!parsed.success) throw new Error(`Seed question ${index + 1} is invalid: ${parsed.error.message}`)
		return parsed.data
	})
}

export async function seedQuestionBank(db: Db, { actorId = null }: { actorId?: string | null } = {}) {
	const contents = seedQuestionContents()
	const existing = new Set(
		(await db.question.findMany({ where: { stemKey: { in: contents.map((c) => stemKeyOf(c.stem)) } }, select: { stemKey: true } })).map((q) => q.stemKey),
	)
	const missing = contents.filter((content) => !existing.has(stemKeyOf(content.stem)))
	await db.$transaction(
		async (tx) => {
			for (const content of missing) await insertQuestion(tx, { content, status: 'active', actorId })
		},
		{ timeout: 60_000 },
	)
	return { created: missing.length, existing: contents.length - missing.length }
}
