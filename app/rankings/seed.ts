// Demo data: the demo season's graded round has a published ranking (version 1), published by
// the demo admin through the real publish path, so the board and its hash show at first start.
// Idempotent: a round that already has a snapshot is left alone.
import type { Db } from '#app/utils/db-client.server.ts'
import { buildDraft, publishRanking } from './snapshots.server.ts'

export async function seedPublishedRanking(db: Db, { roundId, now }: { roundId: string; now: Date }) {
	if ((await db.rankingSnapshot.count({ where: { scope: 'round', scopeId: roundId } })) > 0) return null
	const admin = await db.user.findFirst({ where: { roles: { some: { role: 'admin' } } }, orderBy: { createdAt: 'asc' }, select: { id: true } })
	if (!admin) return null
	const draft = await buildDraft(db, { scope: 'round', scopeId: roundId, now })
	if (!draft || draft.content.people.length === 0) return null
	const published = await publishRanking(db, { scope: 'round', scopeId: roundId, reviewedHash: draft.contentHash, actorId: admin.id, now })
	if (!published.ok) throw new Error(`演示排行榜发布失败：${JSON.stringify(published.fieldErrors)}`)
	return published
}
