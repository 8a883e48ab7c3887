// Published rankings (排行榜快照, ADR 061). Publishing freezes the draft's rows as canonical
// JSON in one row with SHA-256 over exactly that text, numbered per round or season, and
// audit-logs the act in the same transaction. Nothing ever updates a snapshot: a later
// regrade shows up only in the next draft and, once published, in the next version.
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import { providerOfDb, type Db, type DbOrTx } from '#app/utils/db-client.server.ts'
import { clearInputCache } from './input-cache.ts'
import { buildRanking, type RankingContent, type RankingScope } from './build.ts'
import { diffRankings, type RankingDiff } from './diff.ts'

/** JSON with object keys sorted at every level: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') {
		if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonicalJson: non-finite number')
		return JSON.stringify(value ?? null)
	}
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

export function contentHash(canonical: string) {
	return createHash('sha256').update(canonical, 'utf8').digest('hex')
}

export const RankingScopeSchema = z.enum(['round', 'season'], { error: '排行榜范围只能是轮次或赛季' })

const PersonSchema = z.object({ userId: z.string(), name: z.string(), username: z.string(), unitId: z.string(), unitName: z.string() })
const RankingContentSchema = z.object({
	scope: RankingScopeSchema,
	scopeId: z.string(),
	seasonId: z.string(),
	title: z.string(),
	maxScore: z.number(),
	minUnitSize: z.number(),
	rules: z.object({ person: z.string(), accommodation: z.string(), absent: z.string(), unitIndex: z.string(), season: z.string().optional() }),
	people: z.array(
		PersonSchema.extend({ score: z.number(), timeUsedMs: z.number(), submittedAt: z.number(), accommodated: z.boolean(), roundsSat: z.number(), rank: z.number() }),
	),
	absent: z.array(PersonSchema),
	pending: z.array(PersonSchema),
	units: z.array(
		z.object({
			unitId: z.string(),
			unitName: z.string(),
			mergedUnitIds: z.array(z.string()),
			eligible: z.number(),
			participants: z.number(),
			meanScore: z.number().nullable(),
			participationRate: z.number(),
			index: z.number(),
			rank: z.number(),
		}),
	),
}) satisfies z.ZodType<RankingContent>

export type Snapshot = {
	id: string
	scope: RankingScope
	scopeId: string
	title: string
	version: number
	contentHash: string
	publishedByName: string
	publishedAt: Date
	content: RankingContent
	/** Whether the stored text still hashes to the stored hash. */
	intact: boolean
}

const SNAPSHOT_SELECT = {
	id: true,
	scope: true,
	scopeId: true,
	title: true,
	version: true,
	content: true,
	contentHash: true,
	publishedByName: true,
	publishedAt: true,
} as const

type StoredSnapshot = { id: string; scope: string; scopeId: string; title: string; version: number; content: string; contentHash: string; publishedByName: string; publishedAt: Date }

function toSnapshot(row: StoredSnapshot): Snapshot {
	return {
		id: row.id,
		scope: RankingScopeSchema.parse(row.scope),
		scopeId: row.scopeId,
		title: row.title,
		version: row.version,
		contentHash: row.contentHash,
		publishedByName: row.publishedByName,
		publishedAt: row.publishedAt,
		content: RankingContentSchema.parse(JSON.parse(row.content)),
		intact: contentHash(row.content) === row.contentHash,
	}
}

export async function getSnapshot(db: DbOrTx, id: string): Promise<Snapshot | null> {
	const row = await db.rankingSnapshot.findUnique({ where: { id }, select: SNAPSHOT_SELECT })
	return row ? toSnapshot(row) : null
}

export async function latestSnapshot(db: DbOrTx, { scope, scopeId }: { scope: RankingScope; scopeId: string }): Promise<Snapshot | null> {
	const row = await db.rankingSnapshot.findFirst({ where: { scope, scopeId }, orderBy: { version: 'desc' }, select: SNAPSHOT_SELECT })
	return row ? toSnapshot(row) : null
}

/** Every published version, newest first, without their rows (for lists). */
export async function listSnapshots(db: DbOrTx, { seasonId }: { seasonId?: string } = {}) {
	return db.rankingSnapshot.findMany({
		where: seasonId ? { seasonId } : {},
		orderBy: [{ publishedAt: 'desc' }, { version: 'desc' }],
		select: { id: true, scope: true, scopeId: true, seasonId: true, title: true, version: true, contentHash: true, publishedByName: true, publishedAt: true },
	})
}

export type Draft = { content: RankingContent; contentHash: string; previous: Snapshot | null; diff: RankingDiff }

/** The ranking as it would be published now, with what changed since the last version. */
export async function buildDraft(db: DbOrTx, { scope, scopeId, now }: { scope: RankingScope; scopeId: string; now: Date }): Promise<Draft | null> {
	const content = await buildRanking(db, { scope, scopeId, now })
	if (!content) return null
	const previous = await latestSnapshot(db, { scope, scopeId })
	return { content, contentHash: contentHash(canonicalJson(content)), previous, diff: diffRankings(previous?.content ?? null, content) }
}

export type PublishResult = { ok: true; snapshotId: string; version: number; contentHash: string } | { ok: false; fieldErrors: Record<string, string[]> }

function isUniqueViolation(error: unknown) {
	return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002'
}

/**
 * Publishes the ranking as it stands at `now`. `reviewedHash` is the hash of the draft the
 * admin looked at: if results changed since (a regrade, a late mark), publishing is refused
 * so nobody publishes rows they have not seen.
 */
export async function publishRanking(
	db: Db,
	{ scope, scopeId, reviewedHash, actorId, now }: { scope: RankingScope; scopeId: string; reviewedHash: string; actorId: string; now: Date },
): Promise<PublishResult> {
	const provider = providerOfDb(db)
	for (let attempt = 1; ; attempt++) {
		try {
			return await auditedTransaction(
				db,
				async (tx): Promise<PublishResult> => {
					const content = await buildRanking(tx, { scope, scopeId, now, provider })
					if (!content) return { ok: false, fieldErrors: { form: ['找不到这个轮次或赛季'] } }
					const canonical = canonicalJson(content)
					const hash = contentHash(canonical)
					if (hash !== reviewedHash) {
						// The rebuild here never uses the cache (ADR 072); should the draft have come from a stale
						// cache after all, the next draft is read afresh instead of repeating it.
						clearInputCache(db)
						return { ok: false, fieldErrors: { form: ['草稿在您核对后已有变化（如成绩更正），请重新核对后再发布'] } }
					}
					const actor = await tx.user.findUnique({ where: { id: actorId }, select: { name: true } })
					const last = await tx.rankingSnapshot.findFirst({ where: { scope, scopeId }, orderBy: { version: 'desc' }, select: { version: true, contentHash: true } })
					if (last?.contentHash === hash) return { ok: false, fieldErrors: { form: [`与已发布的第 ${last.version} 版完全相同，无需重新发布`] } }
					const version = (last?.version ?? 0) + 1
					const snapshot = await tx.rankingSnapshot.create({
						data: {
							scope,
							scopeId,
							seasonId: content.seasonId,
							title: content.title,
							version,
							content: canonical,
							contentHash: hash,
							publishedById: actorId,
							publishedByName: actor?.name ?? '',
							publishedAt: now,
						},
						select: { id: true },
					})
					await writeAuditLog(
						tx,
						{
							actorId,
							action: 'ranking.publish',
							targetType: 'RankingSnapshot',
							targetId: snapshot.id,
							summary: `发布排行榜：${content.title}（第 ${version} 版，${content.people.length} 人排名，${content.absent.length} 人缺考），内容哈希 ${hash}`,
							after: { scope, scopeId, version, contentHash: hash },
						},
						now,
					)
					return { ok: true, snapshotId: snapshot.id, version, contentHash: hash }
				},
				5,
				{ timeout: 60_000 },
			)
		} catch (error) {
			// Two admins publishing at once both chose the same version: the loser takes the next.
			if (!isUniqueViolation(error) || attempt >= 3) throw error
		}
	}
}
