// The browser half of the answer save path (ADR 032). Every edit gets a sequence number and
// is written to localStorage at once, then sent (debounced per question) to the save route.
// The queue survives reloads, going offline and a crashed tab; a retried or late save is
// harmless because the server keeps only the highest number. Framework-free, so it is
// tested without a browser; app/components/exam/use-exam-session.ts binds it to React.
import type { AnswerValue, SaveOutcome } from './save-answer.server.ts'
import { nextSeq } from './sequence.ts'

export type SaveRequestBody = { position: number; seq: number; answer: AnswerValue }

export type TransportResult =
	| { kind: 'outcome'; outcome: SaveOutcome }
	| { kind: 'busy'; message: string }
	| { kind: 'signed_out' }
	| { kind: 'network' }
	| { kind: 'rejected'; message: string }

export type SaveTransport = (body: SaveRequestBody) => Promise<TransportResult>

export interface KeyValueStore {
	getItem(key: string): string | null
	setItem(key: string, value: string): void
	removeItem(key: string): void
	keys(): string[]
}

export type SyncStatus = 'saved' | 'saving' | 'offline' | 'closed'

export type SyncSnapshot = {
	status: SyncStatus
	/** Why saving is stuck (server busy, signed out), shown beside the status. */
	notice: string | null
	closedMessage: string | null
	answers: ReadonlyMap<number, AnswerValue>
	unsaved: number
	/** Questions that another tab or device changed after this page did. */
	conflicts: readonly number[]
	version: number
}

type Pending = { answer: AnswerValue; seq: number }

export type AnswerSyncOptions = {
	attemptId: string
	startedAtMs: number
	questions: readonly { position: number; answer: AnswerValue; seq: number }[]
	maxSeq: number
	transport: SaveTransport
	store: KeyValueStore
	/** Server-corrected milliseconds since the epoch. */
	serverNow: () => number
	tabId: string
	/** Another tab of this attempt should hear about an edit. */
	onLocalEdit?: (edit: { position: number; answer: AnswerValue; seq: number }) => void
	retryDelaysMs?: readonly number[]
	timers?: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void }
}

const RETRY_DELAYS_MS = [1000, 2000, 5000, 10_000] as const

export function sameAnswer(a: AnswerValue, b: AnswerValue) {
	return JSON.stringify(a) === JSON.stringify(b)
}

export class AnswerSync {
	private readonly answers = new Map<number, AnswerValue>()
	private readonly serverSeq = new Map<number, number>()
	private readonly pending = new Map<number, Pending>()
	private readonly inFlight = new Map<number, number>()
	private readonly debounce = new Map<number, unknown>()
	private readonly conflicts = new Set<number>()
	private readonly listeners = new Set<() => void>()
	private lastSeq: number
	private offline = false
	private notice: string | null = null
	private closedMessage: string | null = null
	private retryHandle: unknown = null
	private retryIndex = 0
	private version = 0
	private snapshot: SyncSnapshot
	private readonly timers: NonNullable<AnswerSyncOptions['timers']>

	constructor(private readonly options: AnswerSyncOptions) {
		this.timers = options.timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) }
		for (const q of options.questions) {
			this.answers.set(q.position, q.answer)
			this.serverSeq.set(q.position, q.seq)
		}
		this.lastSeq = Math.max(options.maxSeq, Number(options.store.getItem(this.seqKey)) || 0)
		// Edits this browser made but the server never acknowledged (reload, crash, offline).
		for (const [position, entry] of this.storedQueueEntries()) {
			if (entry.seq > (this.serverSeq.get(position) ?? 0) && this.answers.has(position)) {
				this.pending.set(position, entry)
				this.answers.set(position, entry.answer)
				this.lastSeq = Math.max(this.lastSeq, entry.seq)
			}
		}
		this.persistQueue()
		this.snapshot = this.buildSnapshot()
	}

	private get seqKey() {
		return `hs-exam:${this.options.attemptId}:seq`
	}
	private get queuePrefix() {
		return `hs-exam:${this.options.attemptId}:queue:`
	}
	private get queueKey() {
		return `${this.queuePrefix}${this.options.tabId}`
	}

	private readQueue(key: string): Record<string, Pending> {
		try {
			return JSON.parse(this.options.store.getItem(key) ?? '{}') as Record<string, Pending>
		} catch {
			return {}
		}
	}

	/** The highest-numbered stored entry per question across every tab's queue of this attempt. */
	private storedQueueEntries(): Map<number, Pending> {
		const merged = new Map<number, Pending>()
		for (const key of this.options.store.keys().filter((k) => k.startsWith(this.queuePrefix))) {
			for (const [position, entry] of Object.entries(this.readQueue(key))) {
				const current = merged.get(Number(position))
				if (!current || entry.seq > current.seq) merged.set(Number(position), entry)
			}
		}
		return merged
	}

	private persistQueue() {
		if (this.pending.size === 0) this.options.store.removeItem(this.queueKey)
		else this.options.store.setItem(this.queueKey, JSON.stringify(Object.fromEntries(this.pending)))
	}

	/** Once the server holds seq for a question, no tab's queue needs an entry at or below it. */
	private forgetAcknowledged(position: number, seq: number) {
		for (const key of this.options.store.keys().filter((k) => k.startsWith(this.queuePrefix))) {
			if (key === this.queueKey) continue
			const queue = this.readQueue(key)
			const entry = queue[position]
			if (entry && entry.seq <= seq) {
				delete queue[position]
				if (Object.keys(queue).length) this.options.store.setItem(key, JSON.stringify(queue))
				else this.options.store.removeItem(key)
			}
		}
	}

	private allocateSeq() {
		const stored = Number(this.options.store.getItem(this.seqKey)) || 0
		const seq = nextSeq({ lastSeq: Math.max(this.lastSeq, stored), serverNowMs: this.options.serverNow(), startedAtMs: this.options.startedAtMs })
		this.lastSeq = seq
		this.options.store.setItem(this.seqKey, String(seq))
		return seq
	}

	subscribe = (listener: () => void) => {
		this.listeners.add(listener)
		return () => this.listeners.delete(listener)
	}

	getSnapshot = () => this.snapshot

	private buildSnapshot(): SyncSnapshot {
		const unsaved = new Set([...this.pending.keys(), ...this.inFlight.keys()]).size
		const status: SyncStatus = this.closedMessage ? 'closed' : this.offline ? 'offline' : unsaved > 0 ? 'saving' : 'saved'
		return {
			status,
			notice: this.notice,
			closedMessage: this.closedMessage,
			answers: new Map(this.answers),
			unsaved,
			conflicts: [...this.conflicts],
			version: this.version,
		}
	}

	private emit() {
		this.version++
		this.snapshot = this.buildSnapshot()
		for (const listener of this.listeners) listener()
	}

	/** Records an edit at once (memory and localStorage), then sends it after `debounceMs`. */
	setAnswer(position: number, answer: AnswerValue, debounceMs: number) {
		if (this.closedMessage || !this.answers.has(position)) return
		const seq = this.allocateSeq()
		this.answers.set(position, answer)
		this.pending.set(position, { answer, seq })
		this.conflicts.delete(position)
		this.persistQueue()
		this.options.onLocalEdit?.({ position, answer, seq })
		const previous = this.debounce.get(position)
		if (previous !== undefined) this.timers.clear(previous)
		this.debounce.set(
			position,
			this.timers.set(() => {
				this.debounce.delete(position)
				void this.send(position)
			}, debounceMs),
		)
		this.emit()
	}

	/** An edit another tab of this attempt made (BroadcastChannel); newer ones replace ours. */
	applyRemoteEdit(edit: { position: number; answer: AnswerValue; seq: number }) {
		this.lastSeq = Math.max(this.lastSeq, edit.seq)
		const mine = this.pending.get(edit.position)
		if (mine && mine.seq >= edit.seq) return
		if (!mine && (this.serverSeq.get(edit.position) ?? 0) >= edit.seq) return
		this.pending.delete(edit.position)
		this.persistQueue()
		this.answers.set(edit.position, edit.answer)
		this.emit()
	}

	/** Sends every queued edit now (reconnect, deadline, submit). */
	flushAll() {
		for (const [position, handle] of this.debounce) {
			this.timers.clear(handle)
			this.debounce.delete(position)
		}
		for (const position of this.pending.keys()) void this.send(position)
	}

	setOnline(online: boolean) {
		const wasOffline = this.offline
		this.offline = !online
		if (online && wasOffline) {
			this.retryIndex = 0
			this.flushAll()
		}
		this.emit()
	}

	/** Resolves when nothing is queued or in flight, or after `timeoutMs`. */
	async settled(timeoutMs: number) {
		const started = Date.now()
		while ((this.pending.size || this.inFlight.size) && Date.now() - started < timeoutMs && !this.closedMessage) {
			await new Promise((resolve) => setTimeout(resolve, 100))
		}
		return this.pending.size === 0 && this.inFlight.size === 0
	}

	close(message: string) {
		this.closedMessage = message
		for (const handle of this.debounce.values()) this.timers.clear(handle)
		this.debounce.clear()
		if (this.retryHandle !== null) this.timers.clear(this.retryHandle)
		this.emit()
	}

	private scheduleRetry() {
		if (this.retryHandle !== null || this.closedMessage) return
		const delays = this.options.retryDelaysMs ?? RETRY_DELAYS_MS
		const delay = delays[Math.min(this.retryIndex, delays.length - 1)]!
		this.retryIndex++
		this.retryHandle = this.timers.set(() => {
			this.retryHandle = null
			this.flushAll()
		}, delay)
	}

	private async send(position: number) {
		const entry = this.pending.get(position)
		if (!entry || this.inFlight.has(position) || this.closedMessage) return
		if (this.offline) {
			this.scheduleRetry()
			return
		}
		this.inFlight.set(position, entry.seq)
		this.emit()
		let result: TransportResult
		try {
			result = await this.options.transport({ position, seq: entry.seq, answer: entry.answer })
		} catch {
			result = { kind: 'network' }
		}
		this.inFlight.delete(position)
		this.handle(position, entry, result)
		this.emit()
		const next = this.pending.get(position)
		if (next && next.seq > entry.seq && result.kind === 'outcome') void this.send(position)
	}

	private acknowledge(position: number, seq: number, answer: AnswerValue) {
		this.serverSeq.set(position, Math.max(this.serverSeq.get(position) ?? 0, seq))
		const current = this.pending.get(position)
		if (current && current.seq <= seq) {
			this.pending.delete(position)
			this.answers.set(position, answer)
		}
		this.persistQueue()
		this.forgetAcknowledged(position, seq)
	}

	private handle(position: number, sent: Pending, result: TransportResult) {
		switch (result.kind) {
			case 'network':
				this.offline = true
				this.scheduleRetry()
				return
			case 'busy':
				this.offline = false
				this.notice = result.message
				this.scheduleRetry()
				return
			case 'signed_out':
				this.notice = '登录已失效：答案已暂存在本机。请在新标签页重新登录，然后回到此页继续，暂存的答案会自动补传。'
				this.scheduleRetry()
				return
			case 'rejected':
				// A malformed save is a bug in this page; drop it rather than retry it forever.
				this.notice = result.message
				if (this.pending.get(position)?.seq === sent.seq) this.pending.delete(position)
				this.persistQueue()
				return
		}
		this.offline = false
		this.notice = null
		this.retryIndex = 0
		const outcome = result.outcome
		if (outcome.status === 'not_found') {
			this.close('找不到这份答卷，请返回考试列表。')
			return
		}
		if (outcome.status === 'closed') {
			this.close(outcome.message)
			return
		}
		this.lastSeq = Math.max(this.lastSeq, outcome.seq)
		if (outcome.status === 'applied') {
			this.acknowledge(position, outcome.seq, sent.answer)
			return
		}
		// Stale: the server already holds this number or a higher one.
		if (sameAnswer(outcome.answer, sent.answer)) {
			this.acknowledge(position, outcome.seq, sent.answer)
			return
		}
		const current = this.pending.get(position)
		if (current && current.seq > sent.seq) {
			// A newer local edit is queued; make sure its number beats the server's.
			if (current.seq <= outcome.seq) this.pending.set(position, { answer: current.answer, seq: this.allocateSeq() })
			this.persistQueue()
			return
		}
		// Another tab or device saved a newer answer: show it rather than overwrite it.
		this.acknowledge(position, outcome.seq, outcome.answer)
		this.answers.set(position, outcome.answer)
		this.conflicts.add(position)
	}
}
