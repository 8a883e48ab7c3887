import { Link } from '@remix-run/react'

/** The header's way to /notifications; `unread` is null where the page is shared (ADR 036) and so shows no count. */
export function NotificationBell({ unread }: { unread: number | null }) {
	const shown = unread && unread > 99 ? '99+' : unread
	// The name holds the count exactly as shown, so speech users can say what they see (axe
	// label-content-name-mismatch).
	const label = unread ? `通知 ${shown} 条未读` : '通知'
	return (
		<Link to="/notifications" aria-label={label} title={label} className="relative inline-flex items-center gap-1 rounded px-2 py-1 text-sm text-gray-700 hover:bg-gray-100">
			<svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
				<path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
				<path d="M13.7 21a2 2 0 0 1-3.4 0" />
			</svg>
			{unread ? <span className="min-w-5 rounded-full bg-brand-700 px-1.5 text-center text-xs font-semibold text-white">{shown}</span> : null}
		</Link>
	)
}
