// Runs one autocannon load in a child process, so the load generator's own event loop never
// delays the time-to-first-byte sampler in the benchmark process. (Not a worker thread:
// autocannon inside a worker thread takes itself for one of its own workers.)
import autocannon from 'autocannon'

process.once('message', async (options) => {
	const result = await autocannon(options)
	process.send(
		{
			latency: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, mean: result.latency.mean },
			requestsPerSecond: result.requests.average,
			non2xx: result.non2xx,
			errors: result.errors + result.timeouts,
		},
		() => process.exit(0),
	)
})
