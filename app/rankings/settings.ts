// Per-season ranking settings (ADR 060): the minimum number of eligible people for a unit to be
// ranked alone. Changing it changes the next draft, never a published snapshot; it is audited.
import { z } from 'zod'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx } from '#app/utils/db-client.ts'
import { DEFAULT_MIN_UNIT_SIZE } from './ordering.ts'

export const MinUnitSizeSchema = z.coerce
	.number<string>({ error: '请填写人数' })
	.int({ error: '人数须为整数' })
	.min(1, { error: '人数须在 1–1000 之间' })
	.max(1000, { error: '人数须在 1–1000 之间' })

export async function getMinUnitSizes(db: DbOrTx, seasonIds: string[]) {
	const rows = await db.rankingSetting.findMany({ where: { seasonId: { in: seasonIds } }, select: { seasonId: true, minUnitSize: true } })
	const bySeason = new Map(rows.map((row) => [row.seasonId, row.minUnitSize]))
	return new Map(seasonIds.map((id) => [id, bySeason.get(id) ?? DEFAULT_MIN_UNIT_SIZE]))
}

export type SetMinUnitSizeResult = { ok: true; minUnitSize: number } | { ok: false; fieldErrors: { minUnitSize?: string[]; form?: string[] } }

export async function setMinUnitSize(
	db: Db,
	{ seasonId, input, actorId, now }: { seasonId: string; input: string; actorId: string; now: Date },
): Promise<SetMinUnitSizeResult> {
	const parsed = MinUnitSizeSchema.safeParse(input.trim())
	if (!parsed.success) return { ok: false, fieldErrors: { minUnitSize: [parsed.error.issues[0]!.message] } }
	const season = await db.season.findUnique({ where: { id: seasonId }, select: { name: true } })
	if (!season) return { ok: false, fieldErrors: { form: ['找不到这个赛季'] } }
	const minUnitSize = parsed.data
	await auditedTransaction(db, async (tx) => {
		const before = await tx.rankingSetting.findUnique({ where: { seasonId }, select: { minUnitSize: true } })
		await tx.rankingSetting.upsert({ where: { seasonId }, create: { seasonId, minUnitSize }, update: { minUnitSize } })
		await writeAuditLog(
			tx,
			{
				actorId,
				action: 'ranking.settings.update',
				targetType: 'Season',
				targetId: seasonId,
				summary: `${season.name}：单位单独排名的最少应考人数设为 ${minUnitSize} 人`,
				before: { minUnitSize: before?.minUnitSize ?? DEFAULT_MIN_UNIT_SIZE },
				after: { minUnitSize },
			},
			now,
		)
	})
	return { ok: true, minUnitSize }
}
