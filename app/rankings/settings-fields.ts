// Field names and checks of the season ranking settings form, shared by the page (conform checks
// them before posting, ADR 070) and the server. Kept apart from settings.ts, which writes the
// audit log (server-only) and so must never reach the browser bundle.
import { z } from 'zod'
import { MAX_ROUND_WEIGHT } from './ordering.ts'

export const MinUnitSizeSchema = z.coerce
	.number<string>({ error: '请填写人数' })
	.int({ error: '人数须为整数' })
	.min(1, { error: '人数须在 1–1000 之间' })
	.max(1000, { error: '人数须在 1–1000 之间' })

const WEIGHT_RANGE = `权重须在 0–${MAX_ROUND_WEIGHT} 之间`
/** A round's weight as typed: a number 0–10, at most two decimals (scores are kept to the hundredth). */
export const RoundWeightSchema = z
	.string()
	.trim()
	.min(1, { error: '请填写权重（不计入填 0）' })
	.regex(/^\d+(\.\d{1,2})?$/, { error: `${WEIGHT_RANGE}，最多两位小数` })
	.transform(Number)
	.pipe(z.number().min(0, { error: WEIGHT_RANGE }).max(MAX_ROUND_WEIGHT, { error: WEIGHT_RANGE }))

/** `weight.<roundId>` per round. */
export const weightField = (roundId: string) => `weight.${roundId}`
