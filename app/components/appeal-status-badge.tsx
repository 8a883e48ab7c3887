import { APPEAL_STATUS_LABELS, type AppealStatus } from '#app/rankings/appeals-labels.ts'

const TONES: Record<AppealStatus, string> = {
	open: 'bg-amber-50 text-amber-900',
	accepted: 'bg-green-50 text-green-800',
	rejected: 'bg-gray-200 text-gray-700',
}

export function AppealStatusBadge({ status }: { status: AppealStatus }) {
	return <span className={`rounded px-1.5 py-0.5 text-xs whitespace-nowrap ${TONES[status]}`}>{APPEAL_STATUS_LABELS[status]}</span>
}
