// The accommodation form's schema (ADR 070): checked in the browser and again on the server, so
// it lives apart from accommodations.ts, which writes the audit log and is server-only.
import { z } from 'zod'
import { parseChinaDateTimeLocal } from '#app/exams/timing/china-time.ts'

/** For conform's parseWithZod with `disableAutoCoercion`: every field arrives as typed. */
export const AccommodationFormSchema = z.object({
	username: z.string().trim().min(1, { error: '请填写工号' }).max(50),
	extraMinutes: z
		.string()
		.trim()
		.transform((v) => v || '0')
		.pipe(z.coerce.number<string>({ error: '延长分钟须为数字' }).int({ error: '延长分钟须为整数' }).min(0, { error: '延长分钟须在 0–300 之间' }).max(300, { error: '延长分钟须在 0–300 之间' })),
	closesAt: z.string().transform((value, ctx) => {
		if (value.trim() === '') return null
		const date = parseChinaDateTimeLocal(value)
		if (!date) {
			ctx.addIssue({ code: 'custom', message: '延后截止时间格式不正确' })
			return z.NEVER
		}
		return date
	}),
	note: z.string().trim().max(200, { error: '备注不能超过200字' }),
})
export type AccommodationInput = z.input<typeof AccommodationFormSchema>
