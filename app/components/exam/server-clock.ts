// The page's view of the server's clock (ADR 032): offset = serverNow − local time at the
// middle of the request, so remaining time is deadline − (Date.now() + offset), recomputed
// from the clock each time it is shown and never counted down by ticks.
// serverNowMs is the server's time at the sample, so deadlineMs − serverNowMs is the remaining
// time the server rendered: the first client render shows exactly that, whatever Date.now() says.
export type ClockState = { offsetMs: number; deadlineMs: number; roundTripMs: number; serverNowMs: number }

export function clockFromSample({ serverNow, deadline, sentAtMs, receivedAtMs }: { serverNow: string; deadline: string; sentAtMs: number; receivedAtMs: number }): ClockState {
	const roundTripMs = Math.max(0, receivedAtMs - sentAtMs)
	const serverNowMs = Date.parse(serverNow)
	return { offsetMs: serverNowMs - (sentAtMs + roundTripMs / 2), deadlineMs: Date.parse(deadline), roundTripMs, serverNowMs }
}

/** A sample whose round trip was much slower than the last measures the offset worse: keep only its deadline. */
export function mergeClock(current: ClockState | null, sample: ClockState): ClockState {
	if (!current) return sample
	const accept = sample.roundTripMs <= Math.max(300, current.roundTripMs * 2)
	return accept ? sample : { ...current, deadlineMs: sample.deadlineMs }
}

/** Remaining time at a local instant; without one (server render, hydration) the remaining time at the sample. */
export function remainingMs(clock: ClockState, localNowMs: number | null) {
	if (localNowMs === null) return clock.deadlineMs - clock.serverNowMs
	return clock.deadlineMs - (localNowMs + clock.offsetMs)
}

export function formatRemaining(ms: number) {
	const total = Math.max(0, Math.ceil(ms / 1000))
	const hours = Math.floor(total / 3600)
	const minutes = Math.floor((total % 3600) / 60)
	const seconds = total % 60
	const mm = String(minutes).padStart(2, '0')
	const ss = String(seconds).padStart(2, '0')
	return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`
}

export const WARNING_THRESHOLDS_MS = [5 * 60_000, 60_000] as const

/** The warning to show at this remaining time, if any: 5 minutes, then 1 minute. */
export function warningFor(ms: number): string | null {
	if (ms <= 0) return null
	if (ms <= WARNING_THRESHOLDS_MS[1]) return '距离考试结束不足 1 分钟，请尽快检查并交卷。'
	if (ms <= WARNING_THRESHOLDS_MS[0]) return '距离考试结束不足 5 分钟。'
	return null
}
