import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { AnswerValue, SaveOutcome } from '#app/exams/attempts/save-answer.server.ts'
import { AnswerSync, type KeyValueStore, type SaveRequestBody, type TransportResult } from './answer-sync.ts'

class MemoryStore implements KeyValueStore {
	readonly data = new Map<string, string>()
	getItem(key: string) {
		return this.data.get(key) ?? null
	}
	setItem(key: string, value: string) {
		this.data.set(key, value)
	}
	removeItem(key: string) {
		this.data.delete(key)
	}
	keys() {
		return [...this.data.keys()]
	}
}

const START = Date.parse('2026-06-01T02:00:00.000Z')
const DEADLINE = new Date(START + 3600_000).toISOString()

/** The save route's rule, across the network boundary: keep the highest sequence number. */
class FakeServer {
	rows = new Map<number, { seq: number; answer: AnswerValue }>([
		[1, { seq: 0, answer: null }],
		[2, { seq: 0, answer: null }],
	])
	closedMessage: string | null = null
	down = false
	busy = false
	received: SaveRequestBody[] = []
	transport = async (body: SaveRequestBody): Promise<TransportResult> => {
		if (this.down) return { kind: 'network' }
		if (this.busy) return { kind: 'busy', message: '服务器繁忙' }
		this.received.push(body)
		const timing = { serverNow: new Date(START).toISOString(), deadline: DEADLINE }
		if (this.closedMessage) return { kind: 'outcome', outcome: { status: 'closed', message: this.closedMessage, ...timing } }
		const row = this.rows.get(body.position)!
		let outcome: SaveOutcome
		if (body.seq > row.seq) {
			this.rows.set(body.position, { seq: body.seq, answer: body.answer })
			outcome = { status: 'applied', position: body.position, seq: body.seq, ...timing }
		} else {
			outcome = { status: 'stale', position: body.position, seq: row.seq, answer: row.answer, ...timing }
		}
		return { kind: 'outcome', outcome }
	}
	questions() {
		return [...this.rows].map(([position, row]) => ({ position, ...row }))
	}
	maxSeq() {
		return Math.max(...[...this.rows.values()].map((r) => r.seq))
	}
}

function open(server: FakeServer, store: MemoryStore, tabId: string, clockMs = START) {
	return new AnswerSync({
		attemptId: 'att1',
		startedAtMs: START,
		questions: server.questions(),
		maxSeq: server.maxSeq(),
		transport: server.transport,
		store,
		serverNow: () => clockMs,
		tabId,
		retryDelaysMs: [1000],
	})
}

describe('AnswerSync', () => {
	beforeEach(() => vi.useFakeTimers())
	afterEach(() => vi.useRealTimers())

	test('an edit is stored locally at once and saved after the debounce', async () => {
		const server = new FakeServer()
		const store = new MemoryStore()
		const sync = open(server, store, 'tab-a')
		sync.setAnswer(1, 'A', 500)
		sync.setAnswer(1, 'B', 500)
		expect(sync.getSnapshot().status).toBe('saving')
		expect(store.getItem('hs-exam:att1:queue:tab-a')).toContain('"B"')
		await vi.advanceTimersByTimeAsync(600)
		expect(server.received.map((r) => r.answer)).toEqual(['B'])
		expect(sync.getSnapshot().status).toBe('saved')
		expect(store.getItem('hs-exam:att1:queue:tab-a')).toBeNull()
		expect(server.rows.get(1)).toEqual({ seq: 2, answer: 'B' })
	})

	test('offline: edits queue, the status says 离线, and they are sent on reconnect', async () => {
		const server = new FakeServer()
		const sync = open(server, new MemoryStore(), 'tab-a')
		server.down = true
		sync.setAnswer(1, 'C', 0)
		await vi.advanceTimersByTimeAsync(10)
		expect(sync.getSnapshot().status).toBe('offline')
		sync.setAnswer(2, true, 0)
		await vi.advanceTimersByTimeAsync(10)
		server.down = false
		sync.setOnline(true)
		await vi.advanceTimersByTimeAsync(10)
		expect(sync.getSnapshot()).toMatchObject({ status: 'saved', unsaved: 0 })
		expect([server.rows.get(1)!.answer, server.rows.get(2)!.answer]).toEqual(['C', true])
	})

	test('a reload finds unsent edits in localStorage, shows them, sends them and numbers above them', async () => {
		const server = new FakeServer()
		const store = new MemoryStore()
		server.down = true
		const before = open(server, store, 'tab-a')
		before.setAnswer(2, false, 0)
		await vi.advanceTimersByTimeAsync(10)
		server.down = false
		const after = open(server, store, 'tab-b')
		expect(after.getSnapshot().answers.get(2)).toBe(false)
		after.flushAll()
		await vi.advanceTimersByTimeAsync(10)
		expect(server.rows.get(2)).toMatchObject({ answer: false })
		// The crashed tab's queue is cleared once the server holds its edit.
		expect(store.keys().filter((k) => k.includes(':queue:'))).toEqual([])
		after.setAnswer(1, 'D', 0)
		await vi.advanceTimersByTimeAsync(10)
		expect(server.rows.get(1)!.seq).toBeGreaterThan(server.rows.get(2)!.seq)
	})

	test('a second device continues above the highest number the server has', async () => {
		const server = new FakeServer()
		server.rows.set(1, { seq: 950, answer: 'A' })
		const sync = open(server, new MemoryStore(), 'phone')
		sync.setAnswer(2, true, 0)
		await vi.advanceTimersByTimeAsync(10)
		expect(server.rows.get(2)!.seq).toBe(951)
	})

	test('a newer answer from another tab or device is shown, not overwritten', async () => {
		const server = new FakeServer()
		const sync = open(server, new MemoryStore(), 'tab-a')
		server.rows.set(1, { seq: 5000, answer: 'C' })
		sync.setAnswer(1, 'A', 0)
		await vi.advanceTimersByTimeAsync(10)
		expect(server.rows.get(1)).toEqual({ seq: 5000, answer: 'C' })
		expect(sync.getSnapshot()).toMatchObject({ status: 'saved', conflicts: [1] })
		expect(sync.getSnapshot().answers.get(1)).toBe('C')
	})

	test('an edit broadcast by another tab replaces an older one here', () => {
		const server = new FakeServer()
		const sync = open(server, new MemoryStore(), 'tab-a')
		sync.applyRemoteEdit({ position: 2, answer: true, seq: 77 })
		expect(sync.getSnapshot().answers.get(2)).toBe(true)
		sync.setAnswer(2, false, 1000)
		sync.applyRemoteEdit({ position: 2, answer: true, seq: 70 })
		expect(sync.getSnapshot().answers.get(2)).toBe(false)
	})

	test('server busy: the notice shows and the save is retried', async () => {
		const server = new FakeServer()
		const sync = open(server, new MemoryStore(), 'tab-a')
		server.busy = true
		sync.setAnswer(1, 'B', 0)
		await vi.advanceTimersByTimeAsync(10)
		expect(sync.getSnapshot()).toMatchObject({ status: 'saving', notice: '服务器繁忙' })
		server.busy = false
		await vi.advanceTimersByTimeAsync(1100)
		expect(sync.getSnapshot()).toMatchObject({ status: 'saved', notice: null })
	})

	test('after the close every input is refused and the message is kept', async () => {
		const server = new FakeServer()
		const sync = open(server, new MemoryStore(), 'tab-a')
		server.closedMessage = '考试已于 10:00:00 截止'
		sync.setAnswer(1, 'B', 0)
		await vi.advanceTimersByTimeAsync(10)
		expect(sync.getSnapshot()).toMatchObject({ status: 'closed', closedMessage: '考试已于 10:00:00 截止' })
		sync.setAnswer(2, true, 0)
		expect(sync.getSnapshot().answers.get(2)).toBeNull()
	})
})
