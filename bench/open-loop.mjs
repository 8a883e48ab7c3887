// What the open-loop load generators share: sending the i-th request at its own due moment
// (t0 + i/rate) whether or not earlier ones have answered, which autocannon's connections do
// not (they wait for their answer, which hides queueing), and percentiles of what came back.

/**
 * Calls `send(i)` for i < count at `rate` a second, each at its due moment, and waits for every
 * returned promise. Answers how late the generator itself ran at worst (a busy generator shows
 * in the result instead of in the figures) and the wall time from the first send to the last answer.
 */
export async function paceOpenLoop(count, rate, send) {
	let lateMsMax = 0
	const pending = []
	const t0 = performance.now()
	for (let i = 0; i < count; i++) {
		const due = t0 + (i * 1000) / rate
		const wait = due - performance.now()
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
		lateMsMax = Math.max(lateMsMax, performance.now() - due)
		pending.push(send(i))
	}
	await Promise.all(pending)
	return { lateMsMax: Math.round(lateMsMax), wallSeconds: (performance.now() - t0) / 1000 }
}

const round2 = (value) => Math.round(value * 100) / 100

/** p50/p90/p99/max of `values` (nearest rank), rounded to 0.01 ms; `empty` stands in for each when there are none. */
export function percentiles(values, empty = null) {
	const sorted = Float64Array.from(values).sort()
	const at = (p) => (sorted.length ? round2(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]) : empty)
	return { count: sorted.length, p50: at(50), p90: at(90), p99: at(99), max: sorted.length ? round2(sorted[sorted.length - 1]) : empty }
}
