// Which URLs a lesson may link to or embed. Used by the sanitizer when a lesson is saved and
// again by the rendering components, so a URL that slipped past one still meets the other.

export type UrlVerdict = { ok: true } | { ok: false; scheme: string }

const LINK_SCHEMES = new Set(['http', 'https', 'mailto'])
const MEDIA_SCHEMES = new Set(['http', 'https'])

/**
 * Browsers drop ASCII tab and newline anywhere in a URL and leading control characters
 * and spaces, so `java\tscript:` is `javascript:`. Judge the URL the browser would see.
 */
function ignoredByBrowsers(code: number) {
	return code <= 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xad || (code >= 0x200b && code <= 0x200f) || code === 0x2028 || code === 0x2029 || code === 0xfeff
}

function schemeOf(raw: string) {
	const squeezed = [...raw].filter((char) => !ignoredByBrowsers(char.codePointAt(0)!)).join('')
	const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(squeezed)
	return match ? match[1]!.toLowerCase() : null
}

export function checkUrl(raw: string, kind: 'link' | 'media' = 'link'): UrlVerdict {
	const scheme = schemeOf(raw)
	if (scheme === null) return { ok: true }
	const allowed = kind === 'link' ? LINK_SCHEMES : MEDIA_SCHEMES
	return allowed.has(scheme) ? { ok: true } : { ok: false, scheme }
}

export function isSafeUrl(raw: unknown, kind: 'link' | 'media' = 'link'): raw is string {
	return typeof raw === 'string' && checkUrl(raw, kind).ok
}
