// The mentor's 结业评价 form: checked in the browser and again on the server (ADR 070), so it
// lives apart from term.ts, which writes the audit log (server-only).
import { z } from 'zod'

const Rating = z.coerce.number({ error: '请选择评价等级' }).int().min(1, '请选择评价等级').max(4, '请选择评价等级')

export const SignOffSchema = z.object({
	businessRating: Rating,
	businessComment: z.string().trim().max(2000, '评语不能超过 2000 个字').default(''),
	partyRating: Rating,
	partyComment: z.string().trim().max(2000, '评语不能超过 2000 个字').default(''),
	// An empty field arrives as no value at all (conform), so the message is given for both.
	comments: z.string({ error: '请填写总体评语' }).trim().min(1, '请填写总体评语').max(4000, '评语不能超过 4000 个字'),
})
