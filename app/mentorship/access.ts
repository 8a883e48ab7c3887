// Who may see and write what about an apprentice (issue 9 item 7). A mentor sees only their
// current apprentices (writable) and past ones (read-only); an apprentice sees only their own
// records; an admin sees all and may assign. Everyone else is refused, in Chinese.
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import type { Role } from '#app/utils/roles.ts'

export type Viewer = { id: string; roles: readonly Role[] }

/** mentor: the current mentor · past_mentor: read-only · apprentice: themselves · admin */
export type AccessMode = 'mentor' | 'past_mentor' | 'apprentice' | 'admin'

export type PairingAccess = { ok: true; mode: AccessMode; pairingId: string; apprenticeId: string; mentorId: string; active: boolean } | { ok: false; status: 403 | 404; message: string }

export const NOT_YOUR_APPRENTICE = '您不是该学员的导师，无权查看其导师带徒记录。'

/**
 * Access to an apprentice's mentorship records through one of this viewer's pairings: the
 * active one first, else the latest past one (a mentor who was replaced reads their own term).
 */
export async function accessToApprentice(db: DbOrTx, viewer: Viewer, apprenticeId: string): Promise<PairingAccess> {
	const pairings = await db.pairing.findMany({
		where: { apprenticeId },
		select: { id: true, mentorId: true, status: true },
		orderBy: [{ startsOn: 'desc' }, { createdAt: 'desc' }],
	})
	if (!pairings.length) return { ok: false, status: 404, message: '没有找到该学员的结对记录。' }
	const pick = (list: typeof pairings) => list.find((p) => p.status === 'active') ?? list[0]!
	const as = (mode: AccessMode, p: (typeof pairings)[number]): PairingAccess => ({ ok: true, mode, pairingId: p.id, apprenticeId, mentorId: p.mentorId, active: p.status === 'active' })
	if (viewer.roles.includes('mentor')) {
		const mine = pairings.filter((p) => p.mentorId === viewer.id)
		if (mine.length) {
			const p = pick(mine)
			return as(p.status === 'active' ? 'mentor' : 'past_mentor', p)
		}
	}
	if (viewer.roles.includes('admin')) return as('admin', pick(pairings))
	if (viewer.id === apprenticeId) return as('apprentice', pick(pairings))
	return { ok: false, status: 403, message: NOT_YOUR_APPRENTICE }
}

/** Access to one pairing by id (term report, sign-off): the same rules, tied to that pairing. */
export async function accessToPairing(db: DbOrTx, viewer: Viewer, pairingId: string): Promise<PairingAccess> {
	const p = await db.pairing.findUnique({ where: { id: pairingId }, select: { id: true, mentorId: true, apprenticeId: true, status: true } })
	if (!p) return { ok: false, status: 404, message: '结对不存在。' }
	const base = { ok: true as const, pairingId: p.id, apprenticeId: p.apprenticeId, mentorId: p.mentorId, active: p.status === 'active' }
	if (viewer.roles.includes('mentor') && p.mentorId === viewer.id) return { ...base, mode: p.status === 'active' ? 'mentor' : 'past_mentor' }
	if (viewer.roles.includes('admin')) return { ...base, mode: 'admin' }
	if (viewer.id === p.apprenticeId) return { ...base, mode: 'apprentice' }
	return { ok: false, status: 403, message: NOT_YOUR_APPRENTICE }
}

export function canMentorWrite(access: PairingAccess) {
	return access.ok && access.mode === 'mentor' && access.active
}
