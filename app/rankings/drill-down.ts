// Drill-down from a published ranking's unit row to its people (issue 10 item 2, ADR 064).
// Admins may open any unit row (the merged row shows every unit it pools). Anyone else only
// their own unit, and only when the season's settings allow members' drill-down; they then see
// their own unit's people even if it is pooled. Decided here on the server, deny by default.
import type { Role } from '#app/utils/roles.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import type { RankingContent } from './build.ts'
import { getRankingSettings } from './settings.ts'
import { getSnapshot } from './snapshots.server.ts'
import { ownUnitMembers, unitMembers } from './view.ts'

export type DrillDownViewer = { id: string; unitId: string; roles: readonly Role[] }

/** The viewer's unit in this ranking: where the snapshot lists them, else their unit today. */
function viewerUnitId(content: RankingContent, viewer: DrillDownViewer) {
	const listed = content.people.find((p) => p.userId === viewer.id) ?? content.absent.find((p) => p.userId === viewer.id) ?? content.pending.find((p) => p.userId === viewer.id)
	return listed?.unitId ?? viewer.unitId
}

/** Per unit row of `content`: the unit id the viewer may open from it, or null. */
export function drillDownTargets(content: RankingContent, viewer: DrillDownViewer, memberDrillDown: boolean): (string | null)[] {
	if (viewer.roles.includes('admin')) return content.units.map((u) => u.unitId)
	if (!memberDrillDown) return content.units.map(() => null)
	const own = viewerUnitId(content, viewer)
	return content.units.map((u) => (u.unitId === own || u.mergedUnitIds.includes(own) ? own : null))
}

/** Whether members of the season's units may open their own unit's drill-down. */
export async function membersMayDrillDown(db: DbOrTx, seasonId: string) {
	return (await getRankingSettings(db, seasonId)).memberDrillDown
}

export type UnitDrillDown =
	| { status: 'ok'; snapshot: { id: string; title: string; version: number; contentHash: string }; members: NonNullable<ReturnType<typeof unitMembers>> }
	| { status: 'not_found' }
	| { status: 'forbidden'; reason: 'not_allowed' | 'other_unit' }

export async function snapshotUnitDrillDown(db: DbOrTx, { snapshotId, unitId, viewer }: { snapshotId: string; unitId: string; viewer: DrillDownViewer }): Promise<UnitDrillDown> {
	const snapshot = await getSnapshot(db, snapshotId)
	if (!snapshot) return { status: 'not_found' }
	const head = { id: snapshot.id, title: snapshot.title, version: snapshot.version, contentHash: snapshot.contentHash }
	if (viewer.roles.includes('admin')) {
		const members = unitMembers(snapshot.content, unitId)
		return members ? { status: 'ok', snapshot: head, members } : { status: 'not_found' }
	}
	if (!(await membersMayDrillDown(db, snapshot.content.seasonId))) return { status: 'forbidden', reason: 'not_allowed' }
	if (unitId !== viewerUnitId(snapshot.content, viewer)) return { status: 'forbidden', reason: 'other_unit' }
	const members = ownUnitMembers(snapshot.content, unitId)
	return members ? { status: 'ok', snapshot: head, members } : { status: 'not_found' }
}
