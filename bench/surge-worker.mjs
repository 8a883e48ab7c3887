// The exam-start surge's load generator, in a process of its own (forked with tsx, so it names
// options exactly as the paper does, through the app's own optionIdFor). Each learner, already
// signed in, clicks 开始考试 at a random moment of the start window (POST the round with
// intent=start, follow the redirect to the paper, as the browser does), then autosaves one
// answer every `saveEveryMs` with the test page's body ({ position, seq, answer: option id }).
// Open loop: a save leaves at its time whether or not the previous one came back, as the
// page's timers do. Answers with latency percentiles, error counts by kind and every
// acknowledged ("applied") save, which the benchmark then looks for in the database.
import http from 'node:http'
import { percentiles } from './open-loop.mjs'

const { optionIdFor } = await import('#app/exams/attempts/option-ids.server.ts')

process.once('message', async ({ origin, roundId, cookies, startWindowMs, saveEveryMs, savesPerLearner, questions, timeoutMs }) => {
	const { hostname, port } = new URL(origin)
	// Browsers keep a connection each; a bounded pool keeps the generator's own cost flat.
	const agent = new http.Agent({ keepAlive: true, maxSockets: 2000 })
	const startLatencies = []
	const startPostLatencies = []
	const saveLatencies = []
	const errors = {}
	const outcomes = {}
	const acknowledged = new Map()
	let lateMsMax = 0
	const countError = (kind) => (errors[kind] = (errors[kind] ?? 0) + 1)

	/** One request; resolves with status, headers, body and the time from sending to the last byte. */
	function send({ method, path, headers, body }) {
		return new Promise((resolve) => {
			const started = performance.now()
			const request = http.request({ host: hostname, port, method, path, agent, headers: { origin, ...headers } }, (response) => {
				const chunks = []
				response.on('data', (chunk) => chunks.push(chunk))
				response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }))
				response.on('error', () => resolve({ status: 0, error: 'response', ms: performance.now() - started }))
			})
			request.setTimeout(timeoutMs, () => request.destroy(new Error('timeout')))
			request.on('error', (error) => resolve({ status: 0, error: error.message === 'timeout' ? 'timeout' : (error.code ?? 'network'), ms: performance.now() - started }))
			request.end(body)
		})
	}

	const sleepUntil = (at) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())))

	async function learner(index, cookie) {
		await sleepUntil(t0 + Math.random() * startWindowMs)
		const post = await send({ method: 'POST', path: `/exams/rounds/${roundId}`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'intent=start' })
		const location = post.headers?.location ?? ''
		const attemptId = /^\/exams\/attempts\/([^/?]+)$/.exec(location)?.[1]
		if (post.status !== 302 || !attemptId) return countError(`start ${post.error ?? post.status}`)
		startPostLatencies.push(post.ms)
		// The browser follows the redirect with the toast cookie the start set.
		const toast = [].concat(post.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ')
		const page = await send({ method: 'GET', path: location, headers: { cookie: toast ? `${cookie}; ${toast}` : cookie, accept: 'text/html' } })
		if (page.status !== 200) return countError(`paper ${page.error ?? page.status}`)
		startLatencies.push(post.ms + page.ms)
		const pageShownAt = performance.now()
		const saves = []
		for (let k = 1; k <= savesPerLearner; k++) {
			const due = pageShownAt + k * saveEveryMs
			await sleepUntil(due)
			lateMsMax = Math.max(lateMsMax, performance.now() - due)
			const position = ((k - 1) % questions) + 1
			const key = 'ABCD'[(index + k) % 4]
			saves.push(save(attemptId, cookie, { position, seq: k, key }))
		}
		await Promise.all(saves)
	}

	async function save(attemptId, cookie, { position, seq, key }) {
		const body = JSON.stringify({ position, seq, answer: optionIdFor(attemptId, position, key) })
		const reply = await send({ method: 'POST', path: `/exams/attempts/${attemptId}/answers`, headers: { cookie, 'content-type': 'application/json', accept: 'application/json' }, body })
		if (reply.status !== 200) return countError(`save ${reply.error ?? reply.status}`)
		saveLatencies.push(reply.ms)
		let outcome
		try {
			outcome = JSON.parse(reply.body).status
		} catch {
			return countError('save unreadable')
		}
		outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
		if (outcome !== 'applied' && outcome !== 'stale') return countError(`save ${outcome}`)
		if (outcome === 'applied') {
			const entry = `${attemptId}:${position}`
			if ((acknowledged.get(entry)?.seq ?? 0) < seq) acknowledged.set(entry, { seq, answer: key })
		}
	}

	const t0 = performance.now()
	await Promise.all(cookies.map((cookie, index) => learner(index, cookie)))
	agent.destroy()
	process.send(
		{
			start: percentiles(startLatencies),
			startPost: percentiles(startPostLatencies),
			save: percentiles(saveLatencies),
			outcomes,
			errors,
			generatorLateMsMax: Math.round(lateMsMax),
			wallSeconds: Math.round((performance.now() - t0) / 100) / 10,
			acknowledged: [...acknowledged],
		},
		() => process.exit(0),
	)
})
