import { describe, expect, test } from 'vitest'
import { readInOneShotWorker } from './one-shot-worker.server.ts'

const LIMITS = { timeLimitMs: 1_500, heapMb: 32, timedOut: '读取超时', outOfMemory: '超出内存' }
const fixture = (name: string) => new URL(`../../tests/fixtures/workers/${name}`, import.meta.url)

describe('an upload read in a one-shot worker cannot stall or exhaust the server', () => {
	test('a read that never ends is refused in Chinese at the time limit, and the server kept answering meanwhile', async () => {
		let ticks = 0
		const timer = setInterval(() => ticks++, 50)
		const started = Date.now()
		const outcome = await readInOneShotWorker({ filename: fixture('spin.mjs') }, {}, [], LIMITS).finally(() => clearInterval(timer))
		expect(outcome).toEqual({ ok: false, error: '读取超时' })
		expect(Date.now() - started).toBeGreaterThanOrEqual(1_400)
		// The spinning thread is not this one: the event loop ran its timers all along.
		expect(ticks).toBeGreaterThan(5)
	})

	test('a read that hoards memory is stopped at the heap cap and refused in Chinese', async () => {
		expect(await readInOneShotWorker({ filename: fixture('hoard.mjs') }, {}, [], { ...LIMITS, timeLimitMs: 60_000 })).toEqual({ ok: false, error: '超出内存' })
	})
})
