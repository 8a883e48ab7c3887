// The admins' list of pairs and the mentor's desk: pairings with their people and flags.
import { loadAllUnits } from '#app/admin/units.ts'
import { subtreeIds } from '#app/admin/unit-tree.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { attentionFor } from './attention.ts'
import { byAttention, type AttentionFlag } from './flags.ts'
import { PAIRING_SELECT, peopleByIds, type Person } from './pairings.ts'

import type { PairingFilter } from './labels.ts'
export { PAIRING_FILTER_LABELS, PAIRING_FILTERS, type PairingFilter } from './labels.ts'

export type PairingRow = {
	id: string
	status: string
	startsOn: Date
	endsOn: Date
	businessGoals: string
	partyGoals: string
	endedAt: Date | null
	endReason: string | null
	mentor: Person
	apprentice: Person
	flags: AttentionFlag[]
	signedAt: Date | null
	acknowledgedAt: Date | null
}

async function withPeopleAndFlags(db: DbOrTx, pairings: Awaited<ReturnType<typeof findPairings>>, now: Date): Promise<PairingRow[]> {
	const [people, flags] = await Promise.all([peopleByIds(db, pairings.flatMap((p) => [p.mentorId, p.apprenticeId])), attentionFor(db, pairings, now)])
	return pairings.flatMap((p) => {
		const mentor = people.get(p.mentorId)
		const apprentice = people.get(p.apprenticeId)
		if (!mentor || !apprentice) return []
		return [
			{
				id: p.id,
				status: p.status,
				startsOn: p.startsOn,
				endsOn: p.endsOn,
				businessGoals: p.businessGoals,
				partyGoals: p.partyGoals,
				endedAt: p.endedAt,
				endReason: p.endReason,
				mentor,
				apprentice,
				flags: flags.get(p.id) ?? [],
				signedAt: p.evaluation?.signedAt ?? null,
				acknowledgedAt: p.evaluation?.acknowledgedAt ?? null,
			},
		]
	})
}

function findPairings(db: DbOrTx, where: NonNullable<Parameters<DbOrTx['pairing']['findMany']>[0]>['where']) {
	return db.pairing.findMany({ where, select: PAIRING_SELECT, orderBy: [{ startsOn: 'desc' }, { createdAt: 'desc' }] })
}

export type PairingListFilters = { status: PairingFilter; unitId: string | null; q: string }

/** Every pairing matching the filters (unit: the mentor's or the apprentice's, with sub-units). */
export async function listPairings(db: DbOrTx, filters: PairingListFilters, now = new Date()): Promise<PairingRow[]> {
	let userFilter: string[] | null = null
	if (filters.unitId || filters.q) {
		const unitIds = filters.unitId ? [...subtreeIds(await loadAllUnits(db), filters.unitId)] : null
		const q = filters.q.trim()
		const users = await db.user.findMany({
			where: { ...(unitIds ? { unitId: { in: unitIds } } : {}), ...(q ? { OR: [{ name: { contains: q } }, { username: { contains: q } }] } : {}) },
			select: { id: true },
		})
		userFilter = users.map((u) => u.id)
	}
	const status = filters.status === 'flagged' ? 'active' : filters.status === 'all' ? undefined : filters.status
	const pairings = await findPairings(db, {
		...(status ? { status } : {}),
		...(userFilter ? { OR: [{ mentorId: { in: userFilter } }, { apprenticeId: { in: userFilter } }] } : {}),
	})
	const rows = await withPeopleAndFlags(db, pairings, now)
	return filters.status === 'flagged' ? rows.filter((row) => row.flags.length > 0) : rows
}

export async function getPairingRow(db: DbOrTx, pairingId: string, now = new Date()) {
	const rows = await withPeopleAndFlags(db, await findPairings(db, { id: pairingId }), now)
	return rows[0] ?? null
}

/** The mentor's desk: current apprentices, those needing attention first; past ones after. */
export async function mentorDesk(db: DbOrTx, mentorId: string, now = new Date()) {
	const rows = await withPeopleAndFlags(db, await findPairings(db, { mentorId }), now)
	const current = byAttention(rows.filter((r) => r.status === 'active').map((r) => ({ ...r, name: r.apprentice.name })))
	return { current, past: rows.filter((r) => r.status !== 'active') }
}

/** The pairings of an apprentice, newest first: the active one (if any) and the history. */
export async function apprenticePairings(db: DbOrTx, apprenticeId: string, now = new Date()) {
	return withPeopleAndFlags(db, await findPairings(db, { apprenticeId }), now)
}
