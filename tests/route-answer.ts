// Calling a route's loader or action as the server does, in route tests: whatever it returns
// or throws (a Response, a redirect, data() with a status, plain data) becomes one answer.

export type RouteArgs = { request: Request; params: Record<string, string>; context: object }
export type Route = { loader?: (args: RouteArgs) => Promise<unknown>; action?: (args: RouteArgs) => Promise<unknown> }

/** A thrown Response or data() is an answer too: status, body, redirect target and the toast it sets (ADR 070). */
export async function settle(run: () => Promise<unknown>): Promise<{ status: number; body: string; location: string | null; toast: boolean }> {
	const answer = async (value: unknown, fallback: number) => {
		if (value instanceof Response) return { status: value.status, body: await value.text(), location: value.headers.get('location'), toast: /(^|,\s*)hs_toast=[^;]/.test(value.headers.get('set-cookie') ?? '') }
		const maybe = value as { type?: string; data?: unknown; init?: { status?: number } } | null
		if (maybe?.type === 'DataWithResponseInit') return { status: maybe.init?.status ?? fallback, body: JSON.stringify(maybe.data), location: null, toast: false }
		return { status: 200, body: JSON.stringify(value), location: null, toast: false }
	}
	try {
		return await answer(await run(), 200)
	} catch (thrown) {
		if (thrown instanceof Response || (thrown as { type?: string })?.type === 'DataWithResponseInit') return answer(thrown, 500)
		throw thrown
	}
}
