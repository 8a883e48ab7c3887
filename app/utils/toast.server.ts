// The toast travels in a signed, short-lived cookie from the action that redirects to the
// next page's root loader, which reads it once and clears it (ADR 070).
import { randomUUID } from 'node:crypto'
import { createCookie, redirect } from '@remix-run/node'
import { serverEnv } from './env.server.ts'
import { ToastSchema, type Toast, type ToastInput } from './toast.ts'

const toastCookie = createCookie('hs_toast', {
	httpOnly: true,
	sameSite: 'lax',
	secure: serverEnv.secureCookies,
	path: '/',
	secrets: serverEnv.sessionSecrets,
	// A message nobody saw within a minute is stale.
	maxAge: 60,
})

/** The Set-Cookie header that carries a toast to the next page. */
export async function toastHeader(input: ToastInput) {
	const toast: Toast = ToastSchema.parse({ type: 'success', ...input, id: randomUUID() })
	return toastCookie.serialize(toast)
}

/** Post-redirect-get with a confirmation: the redirect carries the toast. */
export async function redirectWithToast(url: string, input: ToastInput, init?: ResponseInit) {
	const headers = new Headers(init?.headers)
	headers.append('Set-Cookie', await toastHeader(input))
	return redirect(url, { ...init, headers })
}

/** The pending toast, if any, and the header that clears it once read. */
export async function takeToast(request: Request): Promise<{ toast: Toast | null; headers: Headers | null }> {
	const cookieHeader = request.headers.get('Cookie')
	if (!cookieHeader?.includes('hs_toast=')) return { toast: null, headers: null }
	const parsed = ToastSchema.safeParse(await toastCookie.parse(cookieHeader))
	const headers = new Headers({ 'Set-Cookie': await toastCookie.serialize('', { maxAge: 0 }) })
	return { toast: parsed.success ? parsed.data : null, headers }
}
