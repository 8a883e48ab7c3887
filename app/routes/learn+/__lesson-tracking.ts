// Keeps the server told where the learner is in a lesson: a beat when the page opens, every
// HEARTBEAT_SECONDS while it is visible, and when it is hidden or left. Each beat carries the
// scroll position (to resume) and the seconds the page was visible since the last beat; the
// server credits no more than the time that really passed.
import { useFetcher } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { HEARTBEAT_SECONDS } from '#app/courses/progress.ts'

function scrollRatio() {
	const max = document.documentElement.scrollHeight - window.innerHeight
	return max > 0 ? Math.min(1, Math.max(0, window.scrollY / max)) : 1
}

/**
 * `position` is null until the reader's own progress is known (a page from the shared-document
 * cache learns it just after hydration): tracking waits for it, so the first beat cannot
 * overwrite the saved position with the top of the page before the page has resumed there.
 */
export function useLessonTracking({ lessonKey, position, completed }: { lessonKey: string; position: number | null; completed: boolean }) {
	const known = position !== null
	const fetcher = useFetcher({ key: 'lesson-heartbeat' })
	const submit = useRef(fetcher.submit)
	submit.current = fetcher.submit
	const [resumed, setResumed] = useState(false)

	useEffect(() => {
		if (position === null) return
		if (completed || position < 0.02) return setResumed(false)
		const max = document.documentElement.scrollHeight - window.innerHeight
		window.scrollTo({ top: position * max })
		setResumed(true)
		// Only when a lesson opens; later position changes come from this page itself.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [lessonKey, known])

	useEffect(() => {
		if (!known) return
		// Fixed when the lesson opens: the last beat may be sent after navigating elsewhere.
		const action = window.location.pathname
		let visibleSince: number | null = document.visibilityState === 'visible' ? Date.now() : null
		let activeMs = 0
		const beat = () => {
			if (visibleSince !== null) {
				activeMs += Date.now() - visibleSince
				visibleSince = document.visibilityState === 'visible' ? Date.now() : null
			}
			submit.current({ intent: 'heartbeat', position: scrollRatio().toFixed(3), activeSeconds: String(Math.round(activeMs / 1000)) }, { method: 'post', action })
			activeMs = 0
		}
		const onVisibility = () => {
			if (document.visibilityState === 'hidden') beat()
			else visibleSince = Date.now()
		}
		beat()
		const timer = window.setInterval(beat, HEARTBEAT_SECONDS * 1000)
		document.addEventListener('visibilitychange', onVisibility)
		return () => {
			window.clearInterval(timer)
			document.removeEventListener('visibilitychange', onVisibility)
			beat()
		}
	}, [lessonKey, known])

	return { resumed }
}
