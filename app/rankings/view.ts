// What a board page sends to the browser: names, units, ranks and scores of a ranking, with
// the viewer's own row marked. Ids, 工号 and raw timestamps stay on the server.
import type { RankingContent } from './build.ts'
import type { RankingDiff } from './diff.ts'

export function formatDuration(ms: number) {
	const totalSeconds = Math.round(ms / 1000)
	const minutes = Math.floor(totalSeconds / 60)
	const seconds = totalSeconds % 60
	return `${minutes}分${String(seconds).padStart(2, '0')}秒`
}

export function formatPercent(rate: number) {
	return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`
}

export type BoardView = ReturnType<typeof boardView>

/** The viewer's own place: rank among how many, and the share of ranked people behind them. */
export function ownPlace(content: RankingContent, viewerId: string | null) {
	if (!viewerId) return null
	const mine = content.people.find((p) => p.userId === viewerId)
	if (mine) {
		const behind = content.people.filter((p) => p.rank > mine.rank).length
		return { status: 'ranked' as const, rank: mine.rank, of: content.people.length, score: mine.score, aheadOfPercent: Math.round((behind / content.people.length) * 1000) / 10 }
	}
	if (content.absent.some((p) => p.userId === viewerId)) return { status: 'absent' as const }
	if (content.pending.some((p) => p.userId === viewerId)) return { status: 'pending' as const }
	return null
}

export function boardView(content: RankingContent, viewerId: string | null) {
	return {
		title: content.title,
		scope: content.scope,
		maxScore: content.maxScore,
		rules: content.rules,
		people: content.people.map((p) => ({
			rank: p.rank,
			name: p.name,
			unitName: p.unitName,
			score: p.score,
			timeUsed: formatDuration(p.timeUsedMs),
			accommodated: p.accommodated,
			roundsSat: p.roundsSat,
			mine: p.userId === viewerId,
		})),
		absent: content.absent.map((p) => ({ name: p.name, unitName: p.unitName, mine: p.userId === viewerId })),
		pendingCount: content.pending.length,
		own: ownPlace(content, viewerId),
		units: content.units.map((u) => ({
			rank: u.rank,
			unitName: u.unitName,
			merged: u.mergedUnitIds.length,
			eligible: u.eligible,
			participants: u.participants,
			meanScore: u.meanScore,
			participation: formatPercent(u.participationRate),
			index: u.index,
		})),
	}
}

export type DiffView = ReturnType<typeof diffView>

/** The changes between versions without ids, for the page. */
export function diffView(diff: RankingDiff) {
	return {
		people: diff.people.map(({ name, unitName, before, after, beforeStatus, afterStatus, reasons }) => ({ name, unitName, before, after, beforeStatus, afterStatus, reasons })),
		units: diff.units.map(({ unitName, before, after, reasons }) => ({ unitName, before, after, reasons })),
	}
}

/**
 * Drill-down from a unit row to its people (admins): ranked members with their overall rank,
 * and its 缺考. The merged row stands for every unit it pools.
 */
export function unitMembers(content: RankingContent, unitId: string) {
	const unit = content.units.find((u) => u.unitId === unitId)
	if (!unit) return null
	const unitIds = new Set(unit.mergedUnitIds.length ? unit.mergedUnitIds : [unit.unitId])
	return {
		unitName: unit.unitName,
		people: content.people.filter((p) => unitIds.has(p.unitId)).map((p) => ({ rank: p.rank, name: p.name, unitName: p.unitName, score: p.score })),
		absent: content.absent.filter((p) => unitIds.has(p.unitId)).map((p) => ({ name: p.name, unitName: p.unitName })),
	}
}

/**
 * A member's drill-down (ADR 064): the people of one unit only — their own — even when that
 * unit is pooled into the merged row, so a member never sees another unit's people.
 */
export function ownUnitMembers(content: RankingContent, unitId: string) {
	const row = content.units.find((u) => u.unitId === unitId || u.mergedUnitIds.includes(unitId))
	if (!row) return null
	const inUnit = (p: { unitId: string }) => p.unitId === unitId
	const person = content.people.find(inUnit) ?? content.absent.find(inUnit) ?? content.pending.find(inUnit)
	return {
		unitName: person?.unitName ?? row.unitName,
		people: content.people.filter(inUnit).map((p) => ({ rank: p.rank, name: p.name, unitName: p.unitName, score: p.score })),
		absent: content.absent.filter(inUnit).map((p) => ({ name: p.name, unitName: p.unitName })),
	}
}
