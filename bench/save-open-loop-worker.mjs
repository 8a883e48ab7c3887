// An open-loop answer-save load in a process of its own (the capacity bench's steps): sends
// `rate` saves a second for `seconds`, each at its own moment whether or not earlier ones have
// answered. autocannon's overallRate is not that: each connection sends its share of a second
// at the start of the second, so 100 connections at 100/s are a burst of 100 every second.
// Each save is the test page's body ({ position, seq, answer: option id }) with the learner's
// cookie; it is timed from sending to the last byte. Receives { origin, sitters, rate, seconds,
// questions, seqBase } and answers with the latency percentiles, the outcomes, how many saves
// went out, how late the generator itself ran, and the seq numbers it used.
import http from 'node:http'
import { paceOpenLoop, percentiles } from './open-loop.mjs'

process.once('message', async ({ origin, sitters, rate, seconds, questions, seqBase, timeoutMs = 10_000 }) => {
	const { hostname, port } = new URL(origin)
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 })
	const latencies = []
	const outcomes = {}
	const count = Math.round(rate * seconds)

	function save(n) {
		const sitter = sitters[n % sitters.length]
		const round = Math.floor(n / sitters.length)
		const position = (round % questions) + 1
		const body = JSON.stringify({ position, seq: seqBase + round + 1, answer: sitter.optionIds[position - 1][n % 4] })
		return new Promise((resolve) => {
			const started = performance.now()
			const request = http.request(
				{ method: 'POST', host: hostname, port, path: `/exams/attempts/${sitter.attemptId}/answers`, agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie: sitter.cookie, origin } },
				(response) => {
					const chunks = []
					response.on('data', (chunk) => chunks.push(chunk))
					response.on('end', () => {
						let kind = String(response.statusCode)
						if (response.statusCode === 200) kind = JSON.parse(Buffer.concat(chunks).toString()).status
						resolve({ kind, ms: performance.now() - started })
					})
				},
			)
			request.setTimeout(timeoutMs, () => request.destroy(new Error('timeout')))
			request.on('error', (error) => resolve({ kind: error.message === 'timeout' ? 'timeout' : 'network' }))
			request.end(body)
		})
	}

	const { lateMsMax, wallSeconds } = await paceOpenLoop(count, rate, (i) =>
		save(i).then(({ kind, ms }) => {
			outcomes[kind] = (outcomes[kind] ?? 0) + 1
			if (ms !== undefined) latencies.push(ms)
		}),
	)
	agent.destroy()
	process.send(
		{ latency: percentiles(latencies, 0), outcomes, sent: count, achievedPerSecond: Math.round(count / wallSeconds), generatorLateMsMax: lateMsMax, seqUsed: Math.ceil(count / sitters.length) + 1 },
		() => process.exit(0),
	)
})
