// Days and months of the mentorship scheme, in China time (UTC+8, as rounds are): a term
// starts and ends on a day, a check-in belongs to a month, a due date lasts the whole day.
// Isomorphic.
import { z } from 'zod'

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

/** Midnight China time of a `YYYY-MM-DD` day (also 2026/9/1, 2026.9.1, 2026年9月1日); null when it is not a real day. */
export function parseChinaDay(value: string): Date | null {
	const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value.trim().replace(/[/.年月]/g, '-').replace(/日$/, ''))
	if (!match) return null
	const [year, month, day] = match.slice(1).map(Number) as [number, number, number]
	const utc = Date.UTC(year, month - 1, day)
	const check = new Date(utc)
	if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null
	return new Date(utc - CHINA_OFFSET_MS)
}

/** `2026-12-01`: the China day of an instant. */
export function chinaDayOf(date: Date) {
	return new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** `2026-12`: the China month of an instant. */
export function chinaMonthOf(date: Date) {
	return chinaDayOf(date).slice(0, 7)
}

/** `2026年12月` */
export function monthLabel(month: string) {
	const [year, m] = month.split('-')
	return `${year}年${Number(m)}月`
}

/** The last moment of a China day: a due date counts the whole day. */
export function endOfChinaDay(dayStart: Date) {
	return new Date(dayStart.getTime() + DAY_MS - 1)
}

export function daysBetween(earlier: Date, later: Date) {
	return Math.floor((later.getTime() - earlier.getTime()) / DAY_MS)
}

/** A form's date field: `YYYY-MM-DD` (also accepts / and .), read as China midnight. */
export const ChinaDaySchema = z
	.string({ error: '请填写日期' })
	.trim()
	.min(1, '请填写日期')
	.transform((value, ctx) => {
		const day = parseChinaDay(value)
		if (!day) {
			ctx.addIssue({ code: 'custom', message: '日期格式应为 2026-03-01' })
			return z.NEVER
		}
		return day
	})

/** `YYYY-MM` */
export const MonthSchema = z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 2026-03')
