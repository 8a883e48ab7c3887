// The published board (what every signed-in person sees): only snapshots, never a draft, so a
// score appears here only once an admin has published it. A later version shows what changed
// since the one before it.
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { diffRankings, type RankingDiff } from './diff.ts'
import { getSnapshot, listSnapshots, type Snapshot } from './snapshots.server.ts'

export type PublishedBoard = {
	snapshots: Awaited<ReturnType<typeof listSnapshots>>
	seasons: { id: string; name: string }[]
	selected: Snapshot | null
	changes: { previousVersion: number; diff: RankingDiff } | null
}

export async function getPublishedBoard(db: DbOrTx, { snapshotId, seasonId }: { snapshotId?: string; seasonId?: string }): Promise<PublishedBoard> {
	const all = await listSnapshots(db)
	const seasonIds = [...new Set(all.map((s) => s.seasonId))]
	const seasons = await db.season.findMany({ where: { id: { in: seasonIds } }, orderBy: { year: 'desc' }, select: { id: true, name: true } })
	const snapshots = seasonId ? all.filter((s) => s.seasonId === seasonId) : all
	const chosen = snapshotId ? all.find((s) => s.id === snapshotId) : snapshots[0]
	const selected = chosen ? await getSnapshot(db, chosen.id) : null
	let changes: PublishedBoard['changes'] = null
	if (selected && selected.version > 1) {
		const previous = all.find((s) => s.scope === selected.scope && s.scopeId === selected.scopeId && s.version === selected.version - 1)
		const previousSnapshot = previous ? await getSnapshot(db, previous.id) : null
		if (previousSnapshot) changes = { previousVersion: previousSnapshot.version, diff: diffRankings(previousSnapshot.content, selected.content) }
	}
	return { snapshots, seasons, selected, changes }
}
