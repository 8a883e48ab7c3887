// What changed between the last published version and a draft (or a new version), person by
// person and unit by unit, with the reason in Chinese: an admin reviews this before publishing,
// and a republished version shows it to everyone.
import type { RankingContent } from './build.ts'

export type PlaceBefore = { rank: number; score: number } | null

export type PersonChange = {
	userId: string
	name: string
	unitName: string
	before: PlaceBefore
	after: PlaceBefore
	/** Status words when not ranked: 缺考 / 成绩待定 / 未列入 */
	beforeStatus: string
	afterStatus: string
	reasons: string[]
}

export type UnitChange = {
	unitId: string
	unitName: string
	before: { rank: number; index: number } | null
	after: { rank: number; index: number } | null
	reasons: string[]
}

export type RankingDiff = { people: PersonChange[]; units: UnitChange[] }

function statusOf(content: RankingContent | null, userId: string) {
	if (!content) return '未发布'
	if (content.people.some((p) => p.userId === userId)) return '参与排名'
	if (content.absent.some((p) => p.userId === userId)) return '缺考'
	if (content.pending.some((p) => p.userId === userId)) return '成绩待定'
	return '未列入'
}

const fmt = (n: number) => String(n)

/** Everyone whose rank, score or status differs; unchanged people are left out. */
export function diffRankings(previous: RankingContent | null, next: RankingContent): RankingDiff {
	const before = new Map((previous?.people ?? []).map((p) => [p.userId, p]))
	const after = new Map(next.people.map((p) => [p.userId, p]))
	const ids = new Set([...before.keys(), ...after.keys()])
	const people: PersonChange[] = []
	for (const userId of ids) {
		const b = before.get(userId)
		const a = after.get(userId)
		if (b && a && b.rank === a.rank && b.score === a.score) continue
		const beforeStatus = b ? '参与排名' : statusOf(previous, userId)
		const afterStatus = a ? '参与排名' : statusOf(next, userId)
		const reasons: string[] = []
		if (!b && a) reasons.push(beforeStatus === '缺考' ? '由缺考改为计入成绩' : beforeStatus === '成绩待定' ? '新评定成绩，计入排名' : '新计入排名')
		if (b && !a) reasons.push(`不再计入排名（现为${afterStatus}）`)
		if (b && a && b.score !== a.score) reasons.push(`得分变化：${fmt(b.score)} → ${fmt(a.score)}`)
		if (b && a && b.score === a.score && b.rank !== a.rank) reasons.push('得分未变，因他人成绩变化名次变动')
		if (b && a && b.score !== a.score && b.rank !== a.rank) reasons.push(`名次变化：${b.rank} → ${a.rank}`)
		const person = a ?? b!
		people.push({
			userId,
			name: person.name,
			unitName: person.unitName,
			before: b ? { rank: b.rank, score: b.score } : null,
			after: a ? { rank: a.rank, score: a.score } : null,
			beforeStatus,
			afterStatus,
			reasons,
		})
	}
	people.sort((x, y) => (x.after?.rank ?? Infinity) - (y.after?.rank ?? Infinity) || x.name.localeCompare(y.name, 'zh-CN'))

	const unitsBefore = new Map((previous?.units ?? []).map((u) => [u.unitId, u]))
	const unitsAfter = new Map(next.units.map((u) => [u.unitId, u]))
	const units: UnitChange[] = []
	for (const unitId of new Set([...unitsBefore.keys(), ...unitsAfter.keys()])) {
		const b = unitsBefore.get(unitId)
		const a = unitsAfter.get(unitId)
		if (b && a && b.rank === a.rank && b.index === a.index) continue
		const reasons: string[] = []
		if (!b) reasons.push('新列入单位排名')
		if (!a) reasons.push('不再单独列出')
		if (b && a && b.participants !== a.participants) reasons.push(`参考人数：${b.participants} → ${a.participants}`)
		if (b && a && b.meanScore !== a.meanScore) reasons.push(`平均分：${b.meanScore ?? '—'} → ${a.meanScore ?? '—'}`)
		if (b && a && b.index !== a.index) reasons.push(`单位指数：${fmt(b.index)} → ${fmt(a.index)}`)
		if (b && a && b.index === a.index) reasons.push('指数未变，因其他单位变化名次变动')
		units.push({
			unitId,
			unitName: (a ?? b)!.unitName,
			before: b ? { rank: b.rank, index: b.index } : null,
			after: a ? { rank: a.rank, index: a.index } : null,
			reasons,
		})
	}
	units.sort((x, y) => (x.after?.rank ?? Infinity) - (y.after?.rank ?? Infinity) || x.unitName.localeCompare(y.unitName, 'zh-CN'))
	return { people, units }
}
