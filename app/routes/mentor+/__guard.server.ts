// The mentor pages' authorization: the route's role guard comes first, then the pairing rule
// (app/mentorship/access.ts). Refusals are 403/404 pages in Chinese.
import { data } from '@remix-run/node'
import { accessToApprentice, accessToPairing, type PairingAccess } from '#app/mentorship/access.ts'
import type { SessionUser } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'

export type Granted = Extract<PairingAccess, { ok: true }>

function grantedOrThrow(access: PairingAccess): Granted {
	if (!access.ok) throw data({ message: access.message }, { status: access.status })
	return access
}

export async function apprenticeAccessOrThrow(user: SessionUser, apprenticeId: string) {
	return grantedOrThrow(await accessToApprentice(prisma, user, apprenticeId))
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
