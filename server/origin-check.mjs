// CSRF defence from Lucia's guide: a state-changing request must come from our own origin.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * @param {{ method: string, origin?: string | null, host?: string | null, secFetchSite?: string | null }} request
 * @returns {boolean} true when the request must be refused
 */
export function isForeignOriginRequest({ method, origin, host, secFetchSite }) {
	if (SAFE_METHODS.has(method.toUpperCase())) return false
	if (origin) {
		if (!host) return true
		try {
			return new URL(origin).host !== host
		} catch {
			return true
		}
	}
	// No Origin header: browsers always send one on cross-site POSTs, but an old one may
	// only say so through Fetch metadata.
	return secFetchSite === 'cross-site'
}
