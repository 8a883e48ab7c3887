// The appeal forms' schemas (ADR 062, ADR 070): the page checks them in the browser and the
// action and appeals.ts check them again on the server, so they live apart from appeals.ts
// (which writes the audit log and is server-only).
import { z } from 'zod'
import { APPEAL_REASON_MAX, APPEAL_REASON_MIN, APPEAL_REPLY_MAX } from './appeals-labels.ts'

const POSITION_MESSAGE = '请选择要申诉的题目'

export const FileAppealSchema = z.object({
	position: z.coerce.number({ error: POSITION_MESSAGE }).int({ error: POSITION_MESSAGE }).min(1, { error: POSITION_MESSAGE }).max(1000, { error: POSITION_MESSAGE }),
	reason: z
		.string({ error: '请写明申诉理由' })
		.trim()
		.min(APPEAL_REASON_MIN, { error: `请写明申诉理由（至少 ${APPEAL_REASON_MIN} 个字）` })
		.max(APPEAL_REASON_MAX, { error: `申诉理由不能超过 ${APPEAL_REASON_MAX} 个字` }),
})

export const DecideAppealSchema = z
	.object({
		decision: z.enum(['accept', 'reject'], { error: '请选择受理或不予采纳' }),
		reply: z.string().trim().max(APPEAL_REPLY_MAX, { error: `答复不能超过 ${APPEAL_REPLY_MAX} 个字` }).default(''),
	})
	.superRefine((value, ctx) => {
		// A rejection must say why: the learner reads it in the notification and on 我的申诉.
		if (value.decision === 'reject' && value.reply.length < 5) ctx.addIssue({ code: 'custom', path: ['reply'], message: '不予采纳时须写明答复理由（至少 5 个字）' })
	})
