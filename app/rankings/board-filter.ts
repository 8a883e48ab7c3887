// The board's unit-kind filter and chart figures (issue 10 item 4). A published snapshot does
// not carry unit kinds, and its content and hash are frozen (ADR 061), so kinds are derived at
// read time from the Unit table by the unit ids the snapshot kept: a unit whose kind changed
// after publication is filtered by its kind today. Filtering hides rows; it never re-ranks:
// every row keeps the rank it was published with, and the viewer's own place is always their
// place on the whole board.
import { z } from 'zod'
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '#app/admin/unit-kinds.ts'
import { scoreHistogram } from '#app/exams/stats/item-analysis.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import type { RankingContent } from './build.ts'
import { boardView, ownPlace } from './view.ts'

/** `?kind=` of the board: a known kind or nothing (anything else reads as “all kinds”). */
export const UnitKindFilterSchema = z.enum(UNIT_KINDS).optional().catch(undefined)

export const UNIT_KIND_OPTIONS = UNIT_KINDS.map((kind) => ({ value: kind, label: UNIT_KIND_LABELS[kind] }))

/** Every unit id the ranking mentions (rows, 缺考, pending and the units a merged row pools). */
function unitIdsOf(content: RankingContent) {
	const ids = new Set<string>()
	for (const row of [...content.people, ...content.absent, ...content.pending]) ids.add(row.unitId)
	for (const unit of content.units) for (const id of unit.mergedUnitIds.length ? unit.mergedUnitIds : [unit.unitId]) ids.add(id)
	return [...ids]
}

/** Today's kind of every unit the ranking mentions; a unit deleted since is of no kind. */
export async function unitKindsOf(db: DbOrTx, content: RankingContent): Promise<Map<string, UnitKind>> {
	const units = await db.unit.findMany({ where: { id: { in: unitIdsOf(content) } }, select: { id: true, kind: true } })
	return new Map(units.filter((u): u is { id: string; kind: UnitKind } => (UNIT_KINDS as readonly string[]).includes(u.kind)).map((u) => [u.id, u.kind]))
}

/** The kinds of a unit row: one for a unit ranked alone, each distinct one for the merged row. */
function kindsOfUnitRow(unit: RankingContent['units'][number], kinds: Map<string, UnitKind>): UnitKind[] {
	const ids = unit.mergedUnitIds.length ? unit.mergedUnitIds : [unit.unitId]
	return UNIT_KINDS.filter((kind) => ids.some((id) => kinds.get(id) === kind))
}

/** The ranking with only the rows of units of `kind` (the merged row stays when it pools one). */
export function filterByUnitKind(content: RankingContent, kinds: Map<string, UnitKind>, kind: UnitKind | undefined): RankingContent {
	if (!kind) return content
	const ofKind = (row: { unitId: string }) => kinds.get(row.unitId) === kind
	return {
		...content,
		people: content.people.filter(ofKind),
		absent: content.absent.filter(ofKind),
		pending: content.pending.filter(ofKind),
		units: content.units.filter((unit) => kindsOfUnitRow(unit, kinds).includes(kind)),
	}
}

/**
 * What the board page shows: the published rows of the chosen kind, each with its unit's kind
 * label, the viewer's own place on the whole board, and the figures of its charts.
 */
export function filteredBoardView(content: RankingContent, viewerId: string | null, kinds: Map<string, UnitKind>, kind: UnitKind | undefined) {
	const shown = filterByUnitKind(content, kinds, kind)
	const view = boardView(shown, viewerId)
	const label = (unitId: string) => {
		const found = kinds.get(unitId)
		return found ? UNIT_KIND_LABELS[found] : ''
	}
	return {
		...view,
		// Own place is on the whole board, whatever the filter shows.
		own: ownPlace(content, viewerId),
		kind: kind ?? null,
		totalPeople: content.people.length,
		people: view.people.map((row, i) => ({ ...row, unitKind: label(shown.people[i]!.unitId) })),
		units: view.units.map((row, i) => ({ ...row, unitKind: kindsOfUnitRow(shown.units[i]!, kinds).map((k) => UNIT_KIND_LABELS[k]).join('、') })),
		charts: boardCharts(shown),
	}
}

export type FilteredBoardView = ReturnType<typeof filteredBoardView>

/** Score distribution (ten 10 % bins, as round statistics) and the unit comparison, 0–100 each. */
export function boardCharts(content: RankingContent) {
	return {
		distribution: scoreHistogram(content.people.map((p) => ({ score: p.score, maxScore: content.maxScore }))),
		units: content.units.map((unit) => ({
			unitName: unit.unitName,
			meanScore: unit.meanScore,
			meanPercent: unit.meanScore === null || content.maxScore <= 0 ? 0 : Math.round((unit.meanScore / content.maxScore) * 1000) / 10,
			participationPercent: Math.round(unit.participationRate * 1000) / 10,
			index: unit.index,
		})),
	}
}
