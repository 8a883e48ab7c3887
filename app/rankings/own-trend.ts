// A person's own place across a season (issue 10 item 4): their rank and percentile in each
// published round ranking of the season, in round order, and in the season ranking. Only
// published snapshots are read — never a draft — so nothing shows here before an admin has
// published it. Of several versions of one round the newest counts: a republication replaces
// the one before it (the older versions stay on the board for the record).
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { getSnapshot, type Snapshot } from './snapshots.server.ts'
import { ownPlace } from './view.ts'

export type OwnTrendPoint = {
	snapshotId: string
	/** The round's title (or the season's name for the season ranking). */
	label: string
	/** The round's place in the season (1–4; null for the season ranking or a deleted round). */
	position: number | null
	version: number
	/** ranked; 缺考 (absent); 成绩待定 (pending); not on this ranking at all (not_listed). */
	status: 'ranked' | 'absent' | 'pending' | 'not_listed'
	rank: number | null
	/** How many people the ranking ranks. */
	of: number
	score: number | null
	maxScore: number
	/** Share of ranked people behind this person (0–100, one decimal): the percentile shown. */
	aheadOfPercent: number | null
}

export type OwnTrend = {
	seasonId: string
	seasonName: string
	/** Published round rankings of the season in round order (position), newest version each. */
	rounds: OwnTrendPoint[]
	/** The newest published season ranking, if any. */
	season: OwnTrendPoint | null
	/** The last round in which the person is ranked (their current place), if any. */
	latest: OwnTrendPoint | null
	/** Whether the person appears (ranked, 缺考 or pending) on any of these rankings. */
	listed: boolean
}

function pointOf(snapshot: Snapshot, label: string, position: number | null, userId: string): OwnTrendPoint {
	const place = ownPlace(snapshot.content, userId)
	const base = { snapshotId: snapshot.id, label, position, version: snapshot.version, of: snapshot.content.people.length, maxScore: snapshot.content.maxScore }
	if (place?.status === 'ranked') return { ...base, status: 'ranked', rank: place.rank, score: place.score, aheadOfPercent: place.aheadOfPercent }
	return { ...base, status: place?.status ?? 'not_listed', rank: null, score: null, aheadOfPercent: null }
}

/**
 * The person's trend in `seasonId`, or, without one, in the season of the most recently
 * published ranking. Null when no ranking of that season has been published.
 */
export async function ownTrend(db: DbOrTx, { userId, seasonId }: { userId: string; seasonId?: string }): Promise<OwnTrend | null> {
	const chosenSeasonId =
		seasonId ?? (await db.rankingSnapshot.findFirst({ orderBy: [{ publishedAt: 'desc' }, { version: 'desc' }], select: { seasonId: true } }))?.seasonId
	if (!chosenSeasonId) return null
	const rows = await db.rankingSnapshot.findMany({ where: { seasonId: chosenSeasonId }, select: { id: true, scope: true, scopeId: true, version: true } })
	if (rows.length === 0) return null
	// Newest version per round (and for the season).
	const newest = new Map<string, (typeof rows)[number]>()
	for (const row of rows) {
		const key = `${row.scope}:${row.scopeId}`
		const current = newest.get(key)
		if (!current || row.version > current.version) newest.set(key, row)
	}
	const roundRows = [...newest.values()].filter((row) => row.scope === 'round')
	const seasonRow = newest.get(`season:${chosenSeasonId}`) ?? null
	const [season, rounds] = await Promise.all([
		db.season.findUnique({ where: { id: chosenSeasonId }, select: { name: true } }),
		db.round.findMany({ where: { id: { in: roundRows.map((row) => row.scopeId) } }, select: { id: true, title: true, position: true } }),
	])
	const roundById = new Map(rounds.map((round) => [round.id, round]))
	const points: OwnTrendPoint[] = []
	for (const row of roundRows) {
		const snapshot = await getSnapshot(db, row.id)
		if (!snapshot) continue
		const round = roundById.get(row.scopeId)
		// A snapshot outlives its round (ADR 061): a deleted round keeps its published title, last.
		points.push(pointOf(snapshot, round?.title ?? snapshot.title, round?.position ?? null, userId))
	}
	const order = (point: OwnTrendPoint) => point.position ?? Number.MAX_SAFE_INTEGER
	const roundPoints = points.sort((a, b) => order(a) - order(b) || a.label.localeCompare(b.label, 'zh-CN'))
	const seasonSnapshot = seasonRow ? await getSnapshot(db, seasonRow.id) : null
	const seasonName = season?.name ?? seasonSnapshot?.title ?? ''
	const seasonPoint = seasonSnapshot ? pointOf(seasonSnapshot, '赛季总排名', null, userId) : null
	const all = seasonPoint ? [...roundPoints, seasonPoint] : roundPoints
	return {
		seasonId: chosenSeasonId,
		seasonName,
		rounds: roundPoints,
		season: seasonPoint,
		latest: roundPoints.findLast((point) => point.status === 'ranked') ?? null,
		listed: all.some((point) => point.status !== 'not_listed'),
	}
}
