// Signing a person in for route tests, the way the browser is signed in: a real session row and
// the signed cookie the login action would set. Requests built here carry that cookie, so a
// loader or action called in-process sees exactly what it sees behind the server.
//
// session.server.ts is imported on first use, not at the top: it reads the environment when
// loaded, and route tests point DATABASE_URL at their own database before that.
import type { DbOrTx } from '#app/utils/db-client.server.ts'

export const TEST_ORIGIN = 'http://localhost'

/** The `name=value` part of a fresh session cookie for this person. */
export async function sessionCookieFor(db: DbOrTx, userId: string) {
	const { commitSessionCookie, createSession } = await import('#app/utils/session.server.ts')
	const { token } = await createSession(db, userId)
	return (await commitSessionCookie(token)).split(';')[0]!
}

export type Body =
	| { form: Record<string, string | string[]> | URLSearchParams }
	| { json: unknown }
	| { raw: string | Uint8Array<ArrayBuffer>; contentType?: string }

/** A request as a browser on this app would send it (same origin), with the cookie if any. */
export function requestAs(cookie: string | null, path: string, { method = 'GET', body, headers = {} }: { method?: string; body?: Body; headers?: Record<string, string> } = {}) {
	const all: Record<string, string> = { ...headers }
	if (cookie) all.cookie = cookie
	let payload: BodyInit | undefined
	if (body && 'form' in body) {
		const form = body.form instanceof URLSearchParams ? body.form : new URLSearchParams()
		if (!(body.form instanceof URLSearchParams)) {
			for (const [key, value] of Object.entries(body.form)) for (const one of Array.isArray(value) ? value : [value]) form.append(key, one)
		}
		payload = form
		all['content-type'] ??= 'application/x-www-form-urlencoded'
	} else if (body && 'json' in body) {
		payload = JSON.stringify(body.json)
		all['content-type'] ??= 'application/json'
	} else if (body && 'raw' in body) {
		payload = body.raw
		if (body.contentType) all['content-type'] ??= body.contentType
	}
	if (method !== 'GET' && method !== 'HEAD') all.origin ??= TEST_ORIGIN
	return new Request(new URL(path, TEST_ORIGIN), { method, headers: all, body: payload })
}

/** A signed-in person: requests for them carry their session cookie. */
export async function signIn(db: DbOrTx, userId: string) {
	const cookie = await sessionCookieFor(db, userId)
	return {
		userId,
		cookie,
		get: (path: string, headers?: Record<string, string>) => requestAs(cookie, path, { headers }),
		post: (path: string, body?: Body, headers?: Record<string, string>) => requestAs(cookie, path, { method: 'POST', body, headers }),
	}
}
export type SignedIn = Awaited<ReturnType<typeof signIn>>
