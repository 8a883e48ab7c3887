// Which X-Forwarded-For entries to believe (ADR 008). Sign-in throttling counts per client
// address (ADR 007), so the address must be one a client cannot choose. `TRUST_PROXY=true`
// made Express trust every hop, i.e. the leftmost entry, which the client writes itself;
// we accept only a hop count or the proxies' addresses, both of which Express supports.
import net from 'node:net'

/** Names Express (proxy-addr) understands for common private ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal'])
const MAX_HOPS = 10

const EXAMPLES = '例如只有一层 nginx 时写 1，或写代理的地址：10.0.0.5,10.0.0.6、10.0.0.0/24、loopback'

function isProxyAddress(entry) {
	if (NAMED_RANGES.has(entry)) return true
	const [address, bits, ...rest] = entry.split('/')
	const family = net.isIP(address ?? '')
	if (!family || rest.length) return false
	if (bits === undefined) return true
	return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)
}

/**
 * TRUST_PROXY → Express's `trust proxy` setting: `false` (no proxy, the default), a hop count,
 * or a list of proxy addresses and ranges. `problem` is a Chinese start-up refusal.
 * @param {string | undefined} raw
 * @returns {{ setting: false | number | string[]; problem?: string }}
 */
export function parseTrustProxy(raw) {
	const value = (raw ?? '').trim()
	if (value === '' || value === 'false' || value === '0') return { setting: false }
	if (value === 'true') {
		return {
			setting: false,
			problem: `TRUST_PROXY=true 会信任每一跳代理：任何人伪造 X-Forwarded-For 就能冒用别的地址，绕过按地址的登录限制。请改写为代理的跳数或代理地址列表（${EXAMPLES}）。`,
		}
	}
	if (/^\d+$/.test(value)) {
		const hops = Number(value)
		if (hops <= MAX_HOPS) return { setting: hops }
		return { setting: false, problem: `TRUST_PROXY 无效：${value} 跳代理太多（应为 1 到 ${MAX_HOPS}）。` }
	}
	const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean)
	const invalid = entries.filter((entry) => !isProxyAddress(entry))
	if (invalid.length || entries.length === 0) {
		return { setting: false, problem: `TRUST_PROXY 无效：${invalid.join('、') || value}（应为代理的跳数或代理地址列表，${EXAMPLES}）。` }
	}
	return { setting: entries }
}

/** The address throttling and session records use: Express's req.ip under the setting above. */
export function clientAddress(req) {
	return req.ip ?? req.socket.remoteAddress ?? 'unknown'
}
