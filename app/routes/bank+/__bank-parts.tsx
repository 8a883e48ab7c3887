import { QUESTION_STATUS_LABELS, type QuestionStatus } from '#app/exams/bank/question-types.ts'
import { cn } from '#app/utils/misc.ts'

const STATUS_STYLES: Record<QuestionStatus, string> = {
	draft: 'bg-gray-100 text-gray-700',
	active: 'bg-green-50 text-green-800',
	retired: 'bg-gray-200 text-gray-500',
}

export function StatusBadge({ status }: { status: QuestionStatus }) {
	return <span className={cn('whitespace-nowrap rounded px-1.5 py-0.5 text-xs', STATUS_STYLES[status])}>{QUESTION_STATUS_LABELS[status]}</span>
}
