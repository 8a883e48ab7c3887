// Per-season ranking settings (ADR 060, 063): the minimum number of eligible people for a unit
// to be ranked alone, each round's weight in the season ranking, and whether a unit's own
// members may open their unit's drill-down on the board. Changing them changes the next draft
// (and, for the drill-down, who may look), never a published snapshot; every change is audited.
import { z } from 'zod'
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'
import { MinUnitSizeSchema, RoundWeightSchema, weightField } from './settings-fields.ts'
import { DEFAULT_MIN_UNIT_SIZE, DEFAULT_ROUND_WEIGHT, MAX_ROUND_WEIGHT } from './ordering.ts'

export { MinUnitSizeSchema, RoundWeightSchema } from './settings-fields.ts'

/** The stored JSON of weights; anything unreadable counts as "no weights set" (the plain sum). */
const StoredWeightsSchema = z.record(z.string(), z.number().min(0).max(MAX_ROUND_WEIGHT))
export function parseRoundWeights(text: string): Record<string, number> {
	try {
		return StoredWeightsSchema.safeParse(JSON.parse(text)).data ?? {}
	} catch {
		return {}
	}
}

export function weightOf(weights: Record<string, number>, roundId: string) {
	return weights[roundId] ?? DEFAULT_ROUND_WEIGHT
}

export type RankingSettings = { minUnitSize: number; roundWeights: Record<string, number>; memberDrillDown: boolean }
export const DEFAULT_RANKING_SETTINGS: RankingSettings = { minUnitSize: DEFAULT_MIN_UNIT_SIZE, roundWeights: {}, memberDrillDown: false }

const SETTINGS_SELECT = { seasonId: true, minUnitSize: true, roundWeights: true, memberDrillDown: true } as const

function toSettings(row: { minUnitSize: number; roundWeights: string; memberDrillDown: boolean } | null): RankingSettings {
	return row ? { minUnitSize: row.minUnitSize, roundWeights: parseRoundWeights(row.roundWeights), memberDrillDown: row.memberDrillDown } : { ...DEFAULT_RANKING_SETTINGS, roundWeights: {} }
}

export async function getRankingSettings(db: DbOrTx, seasonId: string): Promise<RankingSettings> {
	return toSettings(await db.rankingSetting.findUnique({ where: { seasonId }, select: SETTINGS_SELECT }))
}

export async function getRankingSettingsOf(db: DbOrTx, seasonIds: string[]) {
	const rows = await db.rankingSetting.findMany({ where: { seasonId: { in: seasonIds } }, select: SETTINGS_SELECT })
	const bySeason = new Map(rows.map((row) => [row.seasonId, row]))
	return new Map(seasonIds.map((id) => [id, toSettings(bySeason.get(id) ?? null)]))
}

export async function getMinUnitSizes(db: DbOrTx, seasonIds: string[]) {
	const settings = await getRankingSettingsOf(db, seasonIds)
	return new Map([...settings].map(([id, s]) => [id, s.minUnitSize]))
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

export { weightField }

export type SeasonSettingsInput = { minUnitSize: string; weights: Record<string, string>; memberDrillDown: boolean }
export type SetSeasonSettingsResult = { ok: true; settings: RankingSettings } | { ok: false; fieldErrors: Record<string, string[] | undefined> }

/**
 * Saves all of a season's ranking settings from the admin form at once. Weights are taken for
 * the season's non-draft rounds (the ones a season ranking adds up); a weight for a round of
 * another season is refused, and at least one round must count.
 */
export async function setSeasonRankingSettings(
	db: Db,
	{ seasonId, input, actorId, now }: { seasonId: string; input: SeasonSettingsInput; actorId: string; now: Date },
): Promise<SetSeasonSettingsResult> {
	const season = await db.season.findUnique({
		where: { id: seasonId },
		select: { name: true, rounds: { where: { status: { not: 'draft' } }, orderBy: { position: 'asc' }, select: { id: true, title: true } } },
	})
	if (!season) return { ok: false, fieldErrors: { form: ['找不到这个赛季'] } }
	const fieldErrors: Record<string, string[]> = {}
	const minUnitSize = MinUnitSizeSchema.safeParse(input.minUnitSize.trim())
	if (!minUnitSize.success) fieldErrors.minUnitSize = [minUnitSize.error.issues[0]!.message]
	const roundIds = new Set(season.rounds.map((r) => r.id))
	const unknown = Object.keys(input.weights).filter((id) => !roundIds.has(id))
	if (unknown.length) fieldErrors.form = ['表单中有不属于本赛季的轮次，请刷新页面后重试']
	const roundWeights: Record<string, number> = {}
	for (const round of season.rounds) {
		const typed = input.weights[round.id]
		if (typed === undefined) continue
		const weight = RoundWeightSchema.safeParse(typed)
		if (weight.success) roundWeights[round.id] = weight.data
		else fieldErrors[weightField(round.id)] = [weight.error.issues[0]!.message]
	}
	if (!Object.keys(fieldErrors).length && season.rounds.length && season.rounds.every((r) => weightOf(roundWeights, r.id) === 0))
		fieldErrors[weightField(season.rounds[0]!.id)] = ['至少要有一轮的权重大于 0']
	if (Object.keys(fieldErrors).length || !minUnitSize.success) return { ok: false, fieldErrors }

	// Weights of 1 are the default: storing only the others keeps "{}" meaning the plain sum.
	const stored = Object.fromEntries(Object.entries(roundWeights).filter(([, w]) => w !== DEFAULT_ROUND_WEIGHT).sort(([a], [b]) => (a < b ? -1 : 1)))
	const settings: RankingSettings = { minUnitSize: minUnitSize.data, roundWeights: stored, memberDrillDown: input.memberDrillDown }
	const weightsText = season.rounds.map((r) => `${r.title} × ${weightOf(stored, r.id)}`).join('，')
	await auditedTransaction(db, async (tx) => {
		const before = toSettings(await tx.rankingSetting.findUnique({ where: { seasonId }, select: SETTINGS_SELECT }))
		const data = { minUnitSize: settings.minUnitSize, roundWeights: JSON.stringify(stored), memberDrillDown: settings.memberDrillDown }
		await tx.rankingSetting.upsert({ where: { seasonId }, create: { seasonId, ...data }, update: data })
		await writeAuditLog(
			tx,
			{
				actorId,
				action: 'ranking.settings.update',
				targetType: 'Season',
				targetId: seasonId,
				summary: `${season.name}：最少应考人数 ${settings.minUnitSize} 人；赛季权重 ${weightsText || '（无轮次）'}；单位成员${settings.memberDrillDown ? '可以' : '不可'}查看本单位明细`,
				before,
				after: settings,
			},
			now,
		)
	})
	return { ok: true, settings }
}
