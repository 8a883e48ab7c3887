// The one-cell form of a regulation reference used by import, export and the bank list:
//   《中华人民共和国预算法》第五十七条（生效：2015-01-01；失效：2030-12-31）
// Dates are calendar days in China Standard Time (UTC+8, no daylight saving).
import type { Regulation } from './question-types.ts'

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000
const DATE_PATTERN = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/
const EFFECTIVE_WORDS = /生效|施行|实施|起/
const EXPIRY_WORDS = /失效|废止|停止适用|不再适用|至|止/

/** Midnight at the start of a China calendar day, or null when the parts are not a real date. */
export function chinaDate(year: number, month: number, day: number): Date | null {
	const utc = Date.UTC(year, month - 1, day)
	const check = new Date(utc)
	if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null
	return new Date(utc - CHINA_OFFSET_MS)
}

/** YYYY-MM-DD of the China calendar day an instant falls on. */
export function formatChinaDate(date: Date) {
	return new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

export function parseChinaDate(text: string): Date | null {
	const match = DATE_PATTERN.exec(text.normalize('NFKC'))
	if (!match) return null
	return chinaDate(Number(match[1]), Number(match[2]), Number(match[3]))
}

export function formatRegulation(regulation: Regulation | null): string {
	if (!regulation) return ''
	const dates = [
		regulation.effectiveFrom ? `生效：${formatChinaDate(regulation.effectiveFrom)}` : null,
		regulation.expiresAt ? `失效：${formatChinaDate(regulation.expiresAt)}` : null,
	].filter(Boolean)
	return `《${regulation.name}》${regulation.article}${dates.length ? `（${dates.join('；')}）` : ''}`
}

type DateParts = { effectiveFrom: Date | null; expiresAt: Date | null }

function parseDateGroup(group: string): DateParts | { error: string } {
	const parts: DateParts = { effectiveFrom: null, expiresAt: null }
	for (const token of group.split(/[；;，,]/).map((t) => t.trim()).filter(Boolean)) {
		const date = parseChinaDate(token)
		if (!date) return { error: `无法识别日期“${token}”，请写成 2015-01-01` }
		const label = token.replace(DATE_PATTERN, '')
		if (EXPIRY_WORDS.test(label)) parts.expiresAt = date
		else if (EFFECTIVE_WORDS.test(label)) parts.effectiveFrom = date
		else return { error: `日期“${token}”须注明“生效”或“失效”` }
	}
	return parts
}

export type RegulationParse = { ok: true; regulation: Regulation | null } | { ok: false; error: string }

export function parseRegulation(cell: string): RegulationParse {
	let text = cell.trim()
	if (!text) return { ok: true, regulation: null }
	let dates: DateParts = { effectiveFrom: null, expiresAt: null }
	const trailing = /[（(]([^（）()]*)[）)]\s*$/.exec(text)
	if (trailing && DATE_PATTERN.test(trailing[1]!.normalize('NFKC'))) {
		const parsed = parseDateGroup(trailing[1]!)
		if ('error' in parsed) return { ok: false, error: parsed.error }
		dates = parsed
		text = text.slice(0, trailing.index).trim()
	}
	let name: string
	let article: string
	const bracketed = /^《([^》]+)》(.*)$/s.exec(text)
	const byArticle = /^(.*?)(第[〇零一二三四五六七八九十百千万\d]+条.*)$/s.exec(text)
	if (bracketed) {
		name = bracketed[1]!.trim()
		article = bracketed[2]!.trim()
	} else if (byArticle && byArticle[1]!.trim()) {
		name = byArticle[1]!.trim()
		article = byArticle[2]!.trim()
	} else {
		name = text
		article = ''
	}
	if (!name) return { ok: false, error: '请填写法规名称，如《中华人民共和国预算法》第五十七条' }
	if (name.length > 200) return { ok: false, error: '法规名称不能超过200字' }
	if (article.length > 200) return { ok: false, error: '条款不能超过200字' }
	if (dates.effectiveFrom && dates.expiresAt && dates.expiresAt <= dates.effectiveFrom) {
		return { ok: false, error: '失效日期须晚于生效日期' }
	}
	return { ok: true, regulation: { name, article, ...dates } }
}
