// Who may sit a round: anyone matching one of its eligibility rows — a unit (including its
// sub-units), a role, or a named person. A round without rows is open to every learner.
import type { DbOrTx } from '#app/utils/db-client.server.ts'

export const ELIGIBILITY_KINDS = ['unit', 'role', 'user'] as const
export type EligibilityKind = (typeof ELIGIBILITY_KINDS)[number]
export type EligibilityRule = { kind: string; value: string }
export type Candidate = { id: string; unitId: string; roles: readonly string[] }

const MAX_UNIT_DEPTH = 32

/** The person's unit and every unit above it, nearest first. */
export async function unitAncestry(db: DbOrTx, unitId: string): Promise<string[]> {
	const chain: string[] = []
	let current: string | null = unitId
	while (current && chain.length < MAX_UNIT_DEPTH && !chain.includes(current)) {
		chain.push(current)
		const unit: { parentId: string | null } | null = await db.unit.findUnique({ where: { id: current }, select: { parentId: true } })
		current = unit?.parentId ?? null
	}
	return chain
}

export function matchesEligibility(rules: readonly EligibilityRule[], candidate: Candidate, ancestry: readonly string[]) {
	if (rules.length === 0) return candidate.roles.includes('learner')
	return rules.some(
		(rule) =>
			(rule.kind === 'user' && rule.value === candidate.id) ||
			(rule.kind === 'role' && candidate.roles.includes(rule.value)) ||
			(rule.kind === 'unit' && ancestry.includes(rule.value)),
	)
}

export async function isEligible(db: DbOrTx, roundId: string, candidate: Candidate) {
	const rules = await db.roundEligibility.findMany({ where: { roundId }, select: { kind: true, value: true } })
	const needsUnits = rules.some((rule) => rule.kind === 'unit')
	const ancestry = needsUnits ? await unitAncestry(db, candidate.unitId) : []
	return matchesEligibility(rules, candidate, ancestry)
}
