// Knowledge checks inside lessons. The browser gets the question and options only; the
// answer is checked here, every submission is recorded, and the answer and explanation go
// back only for checks the learner has answered.
import { z } from 'zod'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { LEARNER_VISIBLE_LESSON } from './progress.ts'

export const CheckAnswerSchema = z.object({
	versionId: z.string({ error: '小测不存在' }).min(1, '小测不存在'),
	checkKey: z.string({ error: '小测不存在' }).min(1, '小测不存在'),
	choice: z
		.union([z.string(), z.array(z.string())], { error: '请选择答案' })
		.transform((value) => [...new Set(Array.isArray(value) ? value : [value])].filter(Boolean))
		.pipe(z.array(z.string()).min(1, '请选择答案').max(8, '选项无效')),
})

const StringListSchema = z.array(z.string())
const OptionListSchema = z.array(z.object({ value: z.string(), label: z.string() }))

/** Plain JSON, so it travels the same in loader data and in a page's personal island. */
export type CheckResult = { choice: string[]; correct: boolean; answer: string[]; explanation: string }

function sameSet(a: string[], b: string[]) {
	return a.length === b.length && a.every((value) => b.includes(value))
}

export async function answerKnowledgeCheck(
	db: DbOrTx,
	{ userId, lessonId, versionId, checkKey, choice }: { userId: string; lessonId: string } & z.infer<typeof CheckAnswerSchema>,
	now = new Date(),
): Promise<{ ok: true; key: string; result: CheckResult } | { ok: false; message: string }> {
	// Any published version of a lesson the learner can open: someone reading the previous
	// version when a new one is published can still answer what is on their screen.
	const check = await db.knowledgeCheck.findFirst({
		where: { key: checkKey, versionId, version: { lessonId, publishedAt: { not: null }, lesson: LEARNER_VISIBLE_LESSON } },
		select: { id: true, key: true, options: true, answer: true, explanation: true },
	})
	if (!check) return { ok: false, message: '小测不存在或课时已下架' }
	const values = OptionListSchema.parse(JSON.parse(check.options)).map((option) => option.value)
	if (!choice.every((value) => values.includes(value))) return { ok: false, message: '所选答案不在选项中' }
	const answer = StringListSchema.parse(JSON.parse(check.answer))
	const correct = sameSet(choice, answer)
	await db.knowledgeCheckAnswer.create({ data: { checkId: check.id, userId, choice: JSON.stringify(choice), correct, createdAt: now } })
	return { ok: true, key: check.key, result: { choice, correct, answer, explanation: check.explanation } }
}

/** The learner's latest answer per check of this version; unanswered checks are absent. */
export async function answeredChecks(db: DbOrTx, { userId, versionId }: { userId: string; versionId: string }): Promise<Record<string, CheckResult>> {
	const answers = await db.knowledgeCheckAnswer.findMany({
		where: { userId, check: { versionId } },
		orderBy: { createdAt: 'desc' },
		select: { choice: true, correct: true, check: { select: { key: true, answer: true, explanation: true } } },
	})
	const results: Record<string, CheckResult> = {}
	for (const row of answers) {
		results[row.check.key] ??= {
			choice: StringListSchema.parse(JSON.parse(row.choice)),
			correct: row.correct,
			answer: StringListSchema.parse(JSON.parse(row.check.answer)),
			explanation: row.check.explanation,
		}
	}
	return results
}
