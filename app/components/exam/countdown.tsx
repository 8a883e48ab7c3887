import { useEffect, useRef, useState } from 'react'
import { cn } from '#app/utils/misc.ts'
import { formatRemaining, remainingMs, warningFor, type ClockState } from './server-clock.ts'

/**
 * Remaining time from the server's deadline and clock offset, recomputed from Date.now()
 * four times a second (never counted down), with the 5- and 1-minute warnings announced.
 * Until mounted it shows the remaining time the server rendered: reading Date.now() during
 * hydration made the text differ by a second whenever the page loaded across a second's edge.
 */
export function Countdown({ clock, onExpire }: { clock: ClockState; onExpire: () => void }) {
	const [now, setNow] = useState<number | null>(null)
	const expiredRef = useRef(false)
	const onExpireRef = useRef(onExpire)
	onExpireRef.current = onExpire
	useEffect(() => {
		setNow(Date.now())
		const timer = setInterval(() => setNow(Date.now()), 250)
		return () => clearInterval(timer)
	}, [])
	const left = remainingMs(clock, now)
	useEffect(() => {
		if (left <= 0 && !expiredRef.current) {
			expiredRef.current = true
			onExpireRef.current()
		}
	}, [left])
	const warning = warningFor(left)
	return (
		<div className="flex flex-col items-start">
			<span className="text-xs text-gray-600" id="countdown-label">
				剩余时间
			</span>
			<span
				role="timer"
				aria-labelledby="countdown-label"
				className={cn('font-mono text-2xl font-bold tabular-nums', left <= 60_000 ? 'text-red-700' : left <= 300_000 ? 'text-amber-700' : 'text-gray-900')}
			>
				{formatRemaining(left)}
			</span>
			{/* Screen readers hear each warning once, when it first applies. */}
			<span aria-live="assertive" className="sr-only">
				{warning}
			</span>
		</div>
	)
}

export function TimeWarning({ clock }: { clock: ClockState }) {
	const [now, setNow] = useState<number | null>(null)
	useEffect(() => {
		setNow(Date.now())
		const timer = setInterval(() => setNow(Date.now()), 1000)
		return () => clearInterval(timer)
	}, [])
	const warning = warningFor(remainingMs(clock, now))
	if (!warning) return null
	return (
		<p role="alert" className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm font-medium text-amber-900">
			{warning}
		</p>
	)
}
