// Rounds are scheduled in China Standard Time (UTC+8, no daylight saving), whatever the
// server's or browser's zone. Isomorphic.
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

function shifted(date: Date) {
	return new Date(date.getTime() + CHINA_OFFSET_MS)
}

/** `2026-03-02T09:00`, the value of an <input type="datetime-local"> in China time. */
export function toChinaDateTimeLocal(date: Date) {
	return shifted(date).toISOString().slice(0, 16)
}

/** Reads a datetime-local value as China time; null when it is not a real date and time. */
export function parseChinaDateTimeLocal(value: string): Date | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim())
	if (!match) return null
	const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as number[]
	const utc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!)
	const check = new Date(utc)
	if (check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day! || hour! > 23 || minute! > 59) return null
	return new Date(utc - CHINA_OFFSET_MS)
}

/** `2026-03-02 09:00` */
export function formatChinaDateTime(date: Date) {
	return toChinaDateTimeLocal(date).replace('T', ' ')
}

/** `09:00:05` */
export function formatChinaClock(date: Date) {
	return shifted(date).toISOString().slice(11, 19)
}

/** A China-time wall clock instant. */
export function chinaDateTime(year: number, month: number, day: number, hour = 0, minute = 0) {
	return new Date(Date.UTC(year, month - 1, day, hour, minute) - CHINA_OFFSET_MS)
}
