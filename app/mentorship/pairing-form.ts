// The admin's new-pairing form: its schema is checked in the browser and again on the server
// (ADR 070), so it lives apart from pairings.ts, which writes the audit log (server-only).
import { z } from 'zod'
import { ChinaDaySchema } from './dates.ts'

export const Goals = z.string().trim().max(2000, '目标不能超过 2000 个字')

const Username = (message: string) => z.string({ error: message }).trim().min(1, message).max(64, '工号过长')

/** The admin form names people by 工号 (a province has too many people for a drop-down). */
export const PairingFormSchema = z.object({
	mentorUsername: Username('请填写导师工号'),
	apprenticeUsername: Username('请填写徒弟工号'),
	startsOn: ChinaDaySchema,
	endsOn: ChinaDaySchema,
	businessGoals: Goals.default(''),
	partyGoals: Goals.default(''),
})

/** The pairing page's 提前结束结对 form. */
export const EndPairingFormSchema = z.object({
	intent: z.literal('end'),
	reason: z.string({ error: '请填写结束原因' }).trim().min(1, '请填写结束原因').max(200, '原因不能超过 200 个字'),
})

/** The pairing page's 更换导师 form: the new mentor by 工号. */
export const ChangeMentorFormSchema = z.object({
	intent: z.literal('change'),
	mentorUsername: Username('请填写新导师工号'),
	startsOn: ChinaDaySchema,
})

export const PairingActionSchema = z.discriminatedUnion('intent', [EndPairingFormSchema, ChangeMentorFormSchema], { error: '未知的操作' })
