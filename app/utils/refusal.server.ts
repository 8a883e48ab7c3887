// A rule that answers { ok: false, status, message } (for example app/mentorship/access.ts)
// becomes the route's refusal: a 403/404 page with its Chinese message.
import { data } from '@remix-run/node'

export type Refusal = { ok: false; status: number; message: string }

export function grantedOrThrow<Outcome extends { ok: true } | Refusal>(outcome: Outcome): Extract<Outcome, { ok: true }> {
	if (!outcome.ok) throw data({ message: outcome.message }, { status: outcome.status })
	return outcome as Extract<Outcome, { ok: true }>
}
