// A marker's mark (人工评阅): the score within the question's points and the comment.
// Isomorphic: the grading page checks the form with it before posting (ADR 070), and
// recordMark checks the mark again on the server.
import { z } from 'zod'

export function markInputSchema(points: number) {
	return z.object({
		score: z
			.number({ error: '请填写分数' })
			.min(0, { error: '分数不能小于 0' })
			.max(points, { error: `分数不能超过本题满分 ${points}` })
			.refine((score) => Math.abs(score * 10 - Math.round(score * 10)) < 1e-9, { error: '分数最多一位小数' }),
		comment: z.string().trim().max(2000, { error: '评语不能超过2000字' }).default(''),
	})
}

/**
 * The grading form's fields: the score as typed (full-width digits allowed), then the same
 * rules as markInputSchema.
 */
export function markFormSchema(points: number) {
	const { shape } = markInputSchema(points)
	return z.object({
		score: z
			.string({ error: '请填写分数' })
			.optional()
			.transform((text) => {
				const normalised = (text ?? '').normalize('NFKC').trim()
				return normalised === '' ? undefined : Number(normalised)
			})
			.pipe(shape.score),
		comment: shape.comment,
	})
}
