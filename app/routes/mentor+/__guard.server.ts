// The mentor pages' authorization: the route's role guard comes first, then the pairing rule
// (app/mentorship/access.ts). Refusals are 403/404 pages in Chinese.
import { data } from '@remix-run/node'
import { accessToApprentice, accessToPairing, NOT_YOUR_APPRENTICE, type PairingAccess } from '#app/mentorship/access.ts'
import type { SessionUser } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { grantedOrThrow } from '#app/utils/refusal.server.ts'

export type Granted = Extract<PairingAccess, { ok: true }>

/**
 * The mentor's apprentice pages: a mentor who is also someone's apprentice does not read their
 * own records here (that is 我的导师), so the apprentice's own access does not count.
 */
export async function apprenticeAccessOrThrow(user: SessionUser, apprenticeId: string) {
	const access = grantedOrThrow(await accessToApprentice(prisma, user, apprenticeId))
	if (access.mode === 'apprentice') throw data({ message: NOT_YOUR_APPRENTICE }, { status: 403 })
	return access
}

export async function pairingAccessOrThrow(user: SessionUser, pairingId: string) {
	return grantedOrThrow(await accessToPairing(prisma, user, pairingId))
}

export const READ_ONLY_MESSAGE = '该结对已结束，记录只读。'

/** Writing (check-ins, projects, sign-off) is the current mentor's; assigning also an admin's. */
export function requireWritable(access: Granted, { adminToo = false } = {}) {
	const ok = access.active && (access.mode === 'mentor' || (adminToo && access.mode === 'admin'))
	if (!ok) throw data({ message: access.active ? '只有该徒弟的在带导师可以进行此操作。' : READ_ONLY_MESSAGE }, { status: 403 })
}
