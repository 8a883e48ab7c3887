import type { SyncSnapshot } from '#app/exams/attempts/answer-sync.ts'
import { cn } from '#app/utils/misc.ts'

const LABELS: Record<SyncSnapshot['status'], { text: string; className: string }> = {
	saved: { text: '已保存', className: 'bg-green-50 text-green-800 border-green-200' },
	saving: { text: '保存中', className: 'bg-amber-50 text-amber-800 border-amber-200' },
	offline: { text: '离线', className: 'bg-gray-100 text-gray-800 border-gray-300' },
	closed: { text: '已截止', className: 'bg-red-50 text-red-800 border-red-200' },
}

export function SaveStatus({ snapshot }: { snapshot: SyncSnapshot }) {
	const label = LABELS[snapshot.status]
	return (
		<div className="flex flex-col items-end gap-0.5" aria-live="polite">
			<span data-testid="save-status" className={cn('rounded border px-2 py-0.5 text-sm font-medium', label.className)}>
				{label.text}
			</span>
			{snapshot.status === 'offline' ? (
				<span className="text-xs text-gray-600">网络已断开，{snapshot.unsaved ? `${snapshot.unsaved} 题的答案` : '新的答案'}暂存在本机，恢复后自动上传</span>
			) : null}
			{snapshot.notice ? <span className="max-w-xs text-right text-xs text-red-700">{snapshot.notice}</span> : null}
		</div>
	)
}
