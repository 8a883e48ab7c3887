// An open-loop GET load in a process of its own: sends `rate` requests a second for `seconds`,
// each at its own moment whether or not earlier ones have answered (autocannon's connections
// wait for their answer, which hides queueing), cycling through `requests` ({ path, cookie }).
// Times each request from sending it to the response's first byte (status line and headers)
// and to its last byte. Answers with percentiles of both, the statuses and how late the
// generator itself ran, so a busy generator shows in the result instead of in the figures.
import http from 'node:http'

function percentiles(values) {
	const sorted = Float64Array.from(values).sort()
	const at = (p) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 100) / 100 : null)
	return { count: sorted.length, p50: at(50), p90: at(90), p99: at(99), max: sorted.length ? Math.round(sorted[sorted.length - 1] * 100) / 100 : null }
}

process.once('message', async ({ origin, requests, rate, seconds, timeoutMs = 30_000 }) => {
	const { hostname, port } = new URL(origin)
	const agent = new http.Agent({ keepAlive: true, maxSockets: 512 })
	const ttfb = []
	const total = []
	const statuses = {}
	let lateMsMax = 0
	const count = Math.round(rate * seconds)
	const pending = []

	function get({ path, cookie }) {
		return new Promise((resolve) => {
			const started = performance.now()
			let firstByteMs = null
			const request = http.get({ host: hostname, port, path, agent, headers: { cookie, accept: 'text/html' } }, (response) => {
				firstByteMs = performance.now() - started
				response.resume()
				response.on('end', () => resolve({ status: response.statusCode ?? 0, firstByteMs, totalMs: performance.now() - started }))
			})
			request.setTimeout(timeoutMs, () => request.destroy(new Error('timeout')))
			request.on('error', (error) => resolve({ status: error.message === 'timeout' ? 'timeout' : 'network' }))
		})
	}

	const t0 = performance.now()
	for (let i = 0; i < count; i++) {
		const due = t0 + (i * 1000) / rate
		const wait = due - performance.now()
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
		lateMsMax = Math.max(lateMsMax, performance.now() - due)
		pending.push(
			get(requests[i % requests.length]).then((reply) => {
				statuses[reply.status] = (statuses[reply.status] ?? 0) + 1
				if (reply.status === 200) {
					ttfb.push(reply.firstByteMs)
					total.push(reply.totalMs)
				}
			}),
		)
	}
	await Promise.all(pending)
	const wallSeconds = (performance.now() - t0) / 1000
	agent.destroy()
	process.send(
		{ ttfb: percentiles(ttfb), total: percentiles(total), statuses, sent: count, achievedPerSecond: Math.round((count / wallSeconds) * 10) / 10, generatorLateMsMax: Math.round(lateMsMax) },
		() => process.exit(0),
	)
})
