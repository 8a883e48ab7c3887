// Who performs an admin action, as recorded in the audit log.
import type { SessionUser } from '#app/utils/session.server.ts'

export type Actor = Pick<SessionUser, 'id' | 'name'>

export function auditActor(actor: Actor) {
	return { actorId: actor.id, actorName: actor.name }
}

/** A domain refusal the route shows next to the field it concerns (or above the form). */
export type Refusal = { ok: false; fieldErrors: Record<string, string[] | undefined>; formError?: string; notFound?: boolean }

export function refuse(field: string | null, message: string): Refusal {
	return field ? { ok: false, fieldErrors: { [field]: [message] } } : { ok: false, fieldErrors: {}, formError: message }
}

export const NOT_FOUND: Refusal = { ok: false, fieldErrors: {}, formError: '记录不存在或已被删除', notFound: true }
