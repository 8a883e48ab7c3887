// An open-loop GET load in a process of its own: sends `rate` requests a second for `seconds`,
// each at its own moment whether or not earlier ones have answered (autocannon's connections
// wait for their answer, which hides queueing), cycling through `requests` ({ path, cookie }).
// Times each request from sending it to the response's first byte (status line and headers)
// and to its last byte. Answers with percentiles of both, the statuses and how late the
// generator itself ran, so a busy generator shows in the result instead of in the figures.
import http from 'node:http'
import { paceOpenLoop, percentiles } from './open-loop.mjs'

process.once('message', async ({ origin, requests, rate, seconds, timeoutMs = 30_000 }) => {
	const { hostname, port } = new URL(origin)
	const agent = new http.Agent({ keepAlive: true, maxSockets: 512 })
	const ttfb = []
	const total = []
	const statuses = {}
	const count = Math.round(rate * seconds)

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

	const { lateMsMax, wallSeconds } = await paceOpenLoop(count, rate, (i) =>
		get(requests[i % requests.length]).then((reply) => {
			statuses[reply.status] = (statuses[reply.status] ?? 0) + 1
			if (reply.status === 200) {
				ttfb.push(reply.firstByteMs)
				total.push(reply.totalMs)
			}
		}),
	)
	agent.destroy()
	process.send(
		{ ttfb: percentiles(ttfb), total: percentiles(total), statuses, sent: count, achievedPerSecond: Math.round((count / wallSeconds) * 10) / 10, generatorLateMsMax: lateMsMax },
		() => process.exit(0),
	)
})
