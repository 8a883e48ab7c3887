import type { AttentionFlag } from '#app/mentorship/flags.ts'
import { PAIRING_STATUS_LABELS, type PairingStatus } from '#app/mentorship/labels.ts'

export function PairingStatusBadge({ status }: { status: string }) {
	const style = status === 'active' ? 'bg-green-50 text-green-800' : status === 'completed' ? 'bg-blue-50 text-blue-800' : 'bg-gray-200 text-gray-700'
	return <span className={`rounded px-1.5 py-0.5 text-xs ${style}`}>{PAIRING_STATUS_LABELS[status as PairingStatus] ?? status}</span>
}

/** The reasons a pairing needs attention, in words (ADR 052). */
export function FlagList({ flags, empty = null }: { flags: AttentionFlag[]; empty?: string | null }) {
	if (!flags.length) return empty ? <p className="text-sm text-gray-500">{empty}</p> : null
	return (
		<ul className="space-y-0.5 text-sm text-amber-800" aria-label="需关注的原因">
			{flags.map((flag) => (
				<li key={flag.code} data-flag={flag.code}>
					⚠ {flag.text}
				</li>
			))}
		</ul>
	)
}
