// The answer-save load, run in a child process so that autocannon's 200 connections and
// response bookkeeping share no event loop with the benchmark that starts and checks them.
// Receives { origin, sitters, connections, seconds, questions, retryStorm, seqBase, overallRate? }
// and answers with the autocannon summary, every acknowledged save and the outcome counts.
// With overallRate the load is offered at that many requests a second across the connections
// (the capacity bench's open-loop steps) instead of as fast as the server answers.
import autocannon from 'autocannon'

process.once('message', async ({ origin, sitters, connections, seconds, questions, retryStorm, seqBase, overallRate }) => {
	let counter = 0
	const acknowledged = new Map()
	const outcomes = {}
	const result = await autocannon({
		url: origin,
		connections,
		duration: seconds,
		...(overallRate ? { overallRate } : {}),
		requests: [
			{
				method: 'POST',
				setupRequest: (request, context) => {
					// A retry storm sends every save twice: the second must be a harmless no-op.
					const n = retryStorm ? Math.floor(counter / 2) : counter
					counter++
					const sitter = sitters[n % sitters.length]
					const round = Math.floor(n / sitters.length)
					const position = (round % questions) + 1
					const seq = seqBase + round + 1
					// Sent as the page sends it, by the option's id; stored (and checked afterwards) as its key.
					const answer = 'ABCD'[n % 4]
					context.pending = { key: `${sitter.attemptId}:${position}`, seq, answer }
					return {
						...request,
						path: `/exams/attempts/${sitter.attemptId}/answers`,
						headers: { 'content-type': 'application/json', cookie: sitter.cookie, origin },
						body: JSON.stringify({ position, seq, answer: sitter.optionIds[position - 1][n % 4] }),
					}
				},
				onResponse: (status, body, context) => {
					let kind = String(status)
					if (status === 200) {
						const parsed = JSON.parse(body)
						kind = parsed.status
						const pending = context.pending
						if (parsed.status === 'applied') {
							const previous = acknowledged.get(pending.key)
							if (!previous || previous.seq < pending.seq) acknowledged.set(pending.key, { seq: pending.seq, answer: pending.answer })
						}
					}
					outcomes[kind] = (outcomes[kind] ?? 0) + 1
				},
			},
		],
	})
	const summary = {
		requests: { total: result.requests.total, average: result.requests.average },
		latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
		errors: result.errors,
		timeouts: result.timeouts,
		non2xx: result.non2xx,
	}
	process.send({ result: summary, acknowledged: [...acknowledged], outcomes, seqUsed: Math.ceil(counter / sitters.length) + 1 }, () => process.exit(0))
})
