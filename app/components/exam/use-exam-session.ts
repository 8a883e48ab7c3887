// React side of the test page: the server clock, the answer queue, other tabs, connectivity.
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type { AnswerValue, SaveOutcome } from '#app/exams/attempts/save-answer.server.ts'
import { AnswerSync, type KeyValueStore, type SaveRequestBody, type SyncSnapshot, type TransportResult } from '#app/exams/attempts/answer-sync.ts'
import { clockFromSample, mergeClock, type ClockState } from './server-clock.ts'

export type ExamSessionInput = {
	attemptId: string
	startedAt: string
	deadline: string
	serverNow: string
	maxSeq: number
	questions: readonly { position: number; answer: AnswerValue; seq: number }[]
}

const localStore: KeyValueStore = {
	getItem: (key) => window.localStorage.getItem(key),
	setItem: (key, value) => {
		try {
			window.localStorage.setItem(key, value)
		} catch {
			// Storage full or disabled: the edit still lives in memory and is sent.
		}
	},
	removeItem: (key) => window.localStorage.removeItem(key),
	keys: () => Array.from({ length: window.localStorage.length }, (_, i) => window.localStorage.key(i)).filter((k): k is string => k !== null),
}

function answersUrl(attemptId: string) {
	return `/exams/attempts/${attemptId}/answers`
}

type ClockSample = { serverNow: string; deadline: string; status?: string }

async function requestJson(url: string, init: RequestInit) {
	const sentAtMs = Date.now()
	const response = await fetch(url, { ...init, redirect: 'manual', credentials: 'same-origin', headers: { Accept: 'application/json', ...init.headers } })
	const receivedAtMs = Date.now()
	const isJson = response.headers.get('content-type')?.includes('application/json') ?? false
	return { response, sentAtMs, receivedAtMs, body: isJson ? ((await response.json()) as unknown) : null }
}

const noSubscription = () => () => {}

/** What the page shows before the engine exists: the server's answers, nothing queued. */
function serverSnapshot(input: ExamSessionInput): SyncSnapshot {
	return {
		status: 'saved',
		notice: null,
		closedMessage: null,
		answers: new Map(input.questions.map((q) => [q.position, q.answer])),
		unsaved: 0,
		conflicts: [],
		version: 0,
	}
}

export function useExamSession(input: ExamSessionInput, { onClosed }: { onClosed: (message: string) => void }) {
	const [clock, setClock] = useState<ClockState>(() =>
		clockFromSample({ serverNow: input.serverNow, deadline: input.deadline, sentAtMs: Date.now(), receivedAtMs: Date.now() }),
	)
	const clockRef = useRef(clock)
	clockRef.current = clock
	const [otherTabs, setOtherTabs] = useState(0)
	const [sync, setSync] = useState<AnswerSync | null>(null)
	const channelRef = useRef<BroadcastChannel | null>(null)
	const onClosedRef = useRef(onClosed)
	onClosedRef.current = onClosed
	const initialSnapshot = useMemo(() => serverSnapshot(input), [input])

	// Built after hydration: localStorage may hold newer answers than the server rendered.
	useEffect(() => {
		const tabId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
		const transport = async (body: SaveRequestBody): Promise<TransportResult> => {
			let result: Awaited<ReturnType<typeof requestJson>>
			try {
				result = await requestJson(answersUrl(input.attemptId), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
			} catch {
				return { kind: 'network' }
			}
			const { response, body: json, sentAtMs, receivedAtMs } = result
			if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) return { kind: 'signed_out' }
			const message = (json as { message?: string } | null)?.message ?? '保存失败'
			if (response.status === 503) return { kind: 'busy', message }
			if (response.status === 400) return { kind: 'rejected', message }
			if (response.status === 404) return { kind: 'outcome', outcome: { status: 'not_found' } }
			if (!response.ok || !json) return { kind: 'network' }
			const outcome = json as SaveOutcome
			if (outcome.status !== 'not_found') setClock((current) => mergeClock(current, clockFromSample({ ...outcome, sentAtMs, receivedAtMs })))
			return { kind: 'outcome', outcome }
		}
		setSync(
			new AnswerSync({
				attemptId: input.attemptId,
				startedAtMs: Date.parse(input.startedAt),
				questions: input.questions,
				maxSeq: input.maxSeq,
				transport,
				store: localStore,
				serverNow: () => Date.now() + clockRef.current.offsetMs,
				tabId,
				onLocalEdit: (edit) => channelRef.current?.postMessage({ type: 'edit', ...edit }),
			}),
		)
		// One engine per attempt for the life of the page.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [input.attemptId])

	const snapshot: SyncSnapshot = useSyncExternalStore(
		sync?.subscribe ?? noSubscription,
		sync?.getSnapshot ?? (() => initialSnapshot),
		() => initialSnapshot,
	)

	useEffect(() => {
		if (snapshot.closedMessage) onClosedRef.current(snapshot.closedMessage)
	}, [snapshot.closedMessage])

	// Resync the clock (and learn of a close elsewhere) on load, focus and return to the tab.
	useEffect(() => {
		if (!sync) return
		let cancelled = false
		async function resync() {
			try {
				const { response, body, sentAtMs, receivedAtMs } = await requestJson(answersUrl(input.attemptId), { method: 'GET' })
				if (cancelled || !response.ok || !body || !sync) return
				const sample = body as ClockSample
				setClock((current) => mergeClock(current, clockFromSample({ ...sample, sentAtMs, receivedAtMs })))
				if (sample.status && sample.status !== 'open') sync.close(sample.status === 'submitted' ? '本次考试已交卷。' : '考试时间已到，系统已自动收卷。')
			} catch {
				// Offline: the timer keeps running on the last offset.
			}
		}
		const onVisible = () => {
			if (document.visibilityState === 'visible') void resync()
		}
		const onOnline = () => {
			sync.setOnline(true)
			void resync()
		}
		const onOffline = () => sync.setOnline(false)
		void resync()
		if (!navigator.onLine) sync.setOnline(false)
		window.addEventListener('focus', resync)
		document.addEventListener('visibilitychange', onVisible)
		window.addEventListener('online', onOnline)
		window.addEventListener('offline', onOffline)
		sync.flushAll()
		return () => {
			cancelled = true
			window.removeEventListener('focus', resync)
			document.removeEventListener('visibilitychange', onVisible)
			window.removeEventListener('online', onOnline)
			window.removeEventListener('offline', onOffline)
		}
	}, [input.attemptId, sync])

	// Other tabs of this attempt: both show a warning, and edits travel between them.
	useEffect(() => {
		if (!sync || typeof BroadcastChannel === 'undefined') return
		const channel = new BroadcastChannel(`hs-exam-${input.attemptId}`)
		channelRef.current = channel
		const peers = new Set<string>()
		const me = Math.random().toString(36).slice(2)
		channel.onmessage = (event: MessageEvent<{ type: string; from?: string; position?: number; answer?: AnswerValue; seq?: number }>) => {
			const message = event.data
			if (message.type === 'hello' || message.type === 'here') {
				if (message.from && !peers.has(message.from)) {
					peers.add(message.from)
					setOtherTabs(peers.size)
				}
				if (message.type === 'hello') channel.postMessage({ type: 'here', from: me })
			} else if (message.type === 'bye' && message.from) {
				peers.delete(message.from)
				setOtherTabs(peers.size)
			} else if (message.type === 'edit' && message.position !== undefined && message.seq !== undefined) {
				sync.applyRemoteEdit({ position: message.position, answer: message.answer ?? null, seq: message.seq })
			}
		}
		channel.postMessage({ type: 'hello', from: me })
		const bye = () => channel.postMessage({ type: 'bye', from: me })
		window.addEventListener('pagehide', bye)
		return () => {
			bye()
			window.removeEventListener('pagehide', bye)
			channel.close()
			channelRef.current = null
		}
	}, [input.attemptId, sync])

	return { sync, snapshot, clock, otherTabs }
}

