export function cn(...classes: (string | false | null | undefined)[]) {
	return classes.filter(Boolean).join(' ')
}

export function getErrorMessage(error: unknown) {
	if (typeof error === 'string') return error
	if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message
	return '未知错误'
}

// One date format everywhere (issue 11 item 7): 2026-12-01, and 2026-12-01 14:30 with the time,
// always in China time whatever the server's or browser's zone (China has no daylight saving).
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

function chinaIso(value: Date | string | number) {
	return new Date(new Date(value).getTime() + CHINA_OFFSET_MS).toISOString()
}

/** `2026-12-01 14:30` */
export function formatDateTime(value: Date | string | number) {
	return chinaIso(value).slice(0, 16).replace('T', ' ')
}

/** `2026-12-01 14:30:05`, where seconds matter (the audit log). */
export function formatDateTimeSeconds(value: Date | string | number) {
	return chinaIso(value).slice(0, 19).replace('T', ' ')
}

/** `2026-12-01` */
export function formatDate(value: Date | string | number) {
	return chinaIso(value).slice(0, 10)
}

const REDIRECT_BASE = 'http://redirect-check.invalid'
// Printable ASCII without space. A path the app builds itself (loginRedirect) is percent-encoded,
// so anything else — tabs and newlines that browsers silently drop, fullwidth or other lookalike
// slashes that some parsers fold to "/" — is someone else's doing.
const PLAIN_URL_CHARS = /^[\x21-\x7e]*$/

/** Undoes percent-encoding a few times over: `%252F` hides `%2F`, which hides `/`. */
function decodedForms(value: string): string[] | null {
	const forms = [value]
	for (let i = 0; i < 3; i++) {
		let next: string
		try {
			next = decodeURIComponent(forms.at(-1)!)
		} catch {
			return null
		}
		if (next === forms.at(-1)) break
		forms.push(next)
	}
	return forms
}

/**
 * A redirect target from user input, kept on this site: a path starting with a single "/",
 * or the fallback. Refused: other schemes and hosts (`https:…`, `javascript:`, `//host`),
 * backslashes (`/\\host`, which browsers read as `//host`), control characters and whitespace
 * (`/\t/host` becomes `//host` once the browser drops the tab), non-ASCII lookalikes, and
 * any of these percent-encoded (`/%2F%2Fhost`, `/%09/host`, `/%5Chost`), in case a later
 * hop decodes them. Tested against a table of known bypasses in misc.test.ts.
 */
export function safeRedirectPath(to: unknown, fallback = '/') {
	if (typeof to !== 'string' || to.length === 0 || to.length > 2048 || !PLAIN_URL_CHARS.test(to)) return fallback
	// Only the path can move a redirect off the site; the query and fragment may hold anything encoded.
	const forms = decodedForms(to.split(/[?#]/)[0]!)
	if (!forms) return fallback
	for (const form of forms) {
		// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
		if (!form.startsWith('/') || form.startsWith('//') || /[\\\x00-\x1f\x7f]/.test(form)) return fallback
	}
	// The URL parser has the last word: the target must resolve on this origin, to a path that
	// is not itself protocol-relative (`/.//host` resolves to the path `//host`).
	const resolved = new URL(to, REDIRECT_BASE)
	if (resolved.origin !== REDIRECT_BASE || resolved.pathname.startsWith('//')) return fallback
	return to
}
