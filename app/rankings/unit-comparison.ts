// Round statistics' per-unit comparison (issue 10 item 2): participants, eligible, mean score,
// participation and index per unit, by the ranking's own unit rules (`rankUnits`, ADR 060: the
// same index formula, the same pooling of units below the season's minimum size) so the two
// pages never disagree on the maths. The difference is the input: statistics count every fully
// graded paper (admins and lecturers see scores before release), a ranking only released ones.
import { roundScore } from '#app/exams/grading/objective.ts'
import { matchesEligibility } from '#app/exams/rounds/eligibility.ts'
import { rankUnits, type RankedUnit } from '#app/rankings/ordering.ts'
import { getMinUnitSizes } from '#app/rankings/settings.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'

export type UnitComparison = { minUnitSize: number; maxScore: number; units: RankedUnit[] }

/**
 * `scores`: each person's counted score (best fully graded paper); `handedIn`: everyone who handed
 * in a paper, graded or not (they count as eligible in their unit even if the rules changed since).
 */
export async function unitComparison(
	db: DbOrTx,
	{ roundId, scores, handedIn }: { roundId: string; scores: Map<string, number>; handedIn: Set<string> },
): Promise<UnitComparison | null> {
	const round = await db.round.findUnique({
		where: { id: roundId },
		select: { seasonId: true, eligibility: { select: { kind: true, value: true } }, drawRules: { select: { count: true, pointsEach: true } } },
	})
	if (!round) return null
	const [users, units, minUnitSizes] = await Promise.all([
		db.user.findMany({ select: { id: true, unitId: true, active: true, roles: { select: { role: true } } } }),
		db.unit.findMany({ select: { id: true, name: true, parentId: true } }),
		getMinUnitSizes(db, [round.seasonId]),
	])
	const unitById = new Map(units.map((u) => [u.id, u]))
	const ancestry = (unitId: string) => {
		const chain: string[] = []
		for (let current: string | null = unitId; current && chain.length < 32 && !chain.includes(current); current = unitById.get(current)?.parentId ?? null) chain.push(current)
		return chain
	}
	const needsUnits = round.eligibility.some((rule) => rule.kind === 'unit')
	const byUnit = new Map<string, { eligible: number; scores: number[] }>()
	for (const user of users) {
		const roles = user.active ? user.roles.map((r) => r.role) : []
		const eligible = matchesEligibility(round.eligibility, { id: user.id, unitId: user.unitId, roles }, needsUnits ? ancestry(user.unitId) : [])
		if (!eligible && !handedIn.has(user.id) && !scores.has(user.id)) continue
		const entry = byUnit.get(user.unitId) ?? { eligible: 0, scores: [] }
		entry.eligible++
		const score = scores.get(user.id)
		if (score !== undefined) entry.scores.push(score)
		byUnit.set(user.unitId, entry)
	}
	const minUnitSize = minUnitSizes.get(round.seasonId)!
	const maxScore = roundScore(round.drawRules.reduce((sum, rule) => sum + rule.count * rule.pointsEach, 0))
	const ranked = rankUnits(
		[...byUnit].map(([unitId, entry]) => ({ unitId, unitName: unitById.get(unitId)?.name ?? '（未知单位）', eligible: entry.eligible, scores: entry.scores })),
		{ maxScore, minUnitSize },
	)
	return { minUnitSize, maxScore, units: ranked }
}
