// The new-season form's schema (ADR 070): checked in the browser and again on the server, so it
// lives apart from season.ts, which writes the audit log and is server-only.
import { z } from 'zod'

export const SeasonYearSchema = z.coerce
	.number({ error: '请填写年份' })
	.int({ error: '年份须为整数' })
	.min(2000, { error: '年份须在 2000–2100 之间' })
	.max(2100, { error: '年份须在 2000–2100 之间' })

export const NewSeasonFormSchema = z.object({ year: SeasonYearSchema })
