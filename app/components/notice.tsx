import type { ReactNode } from 'react'

export function Notice({ tone = 'success', children }: { tone?: 'success' | 'warning' | 'info'; children: ReactNode }) {
	const styles = {
		success: 'border-green-200 bg-green-50 text-green-900',
		warning: 'border-amber-300 bg-amber-50 text-amber-900',
		info: 'border-blue-200 bg-blue-50 text-blue-900',
	}[tone]
	return (
		<div role="status" className={`mb-4 rounded border px-4 py-3 text-sm ${styles}`}>
			{children}
		</div>
	)
}

export function StatusBadge({ active, activeLabel = '在用', inactiveLabel = '已停用' }: { active: boolean; activeLabel?: string; inactiveLabel?: string }) {
	return active ? (
		<span className="rounded bg-green-50 px-1.5 py-0.5 text-xs text-green-800">{activeLabel}</span>
	) : (
		<span className="rounded bg-gray-200 px-1.5 py-0.5 text-xs text-gray-700">{inactiveLabel}</span>
	)
}
