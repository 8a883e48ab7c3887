import { NavLink } from '@remix-run/react'
import { QUESTION_STATUS_LABELS, type QuestionStatus } from '#app/exams/bank/question-types.ts'
import type { Role } from '#app/utils/roles.ts'
import { cn } from '#app/utils/misc.ts'

/** Who manages the bank and grades essays. */
export const BANK_ROLES: readonly Role[] = ['lecturer', 'admin']

const LINKS = [
	{ to: '/bank', label: '题目列表', end: true },
	{ to: '/bank/new', label: '新建题目', end: false },
	{ to: '/bank/import', label: '批量导入', end: false },
	{ to: '/grading', label: '人工评阅', end: false },
]

export function BankNav() {
	return (
		<nav aria-label="题库导航" className="mb-4 flex flex-wrap gap-1 border-b border-gray-200">
			{LINKS.map((link) => (
				<NavLink
					key={link.to}
					to={link.to}
					end={link.end}
					className={({ isActive }) => cn('-mb-px border-b-2 px-3 py-2 text-sm', isActive ? 'border-brand-700 font-medium text-brand-700' : 'border-transparent text-gray-600 hover:text-gray-900')}
				>
					{link.label}
				</NavLink>
			))}
		</nav>
	)
}

const STATUS_STYLES: Record<QuestionStatus, string> = {
	draft: 'bg-gray-100 text-gray-700',
	active: 'bg-green-50 text-green-800',
	retired: 'bg-gray-200 text-gray-500',
}

export function StatusBadge({ status }: { status: QuestionStatus }) {
	return <span className={cn('whitespace-nowrap rounded px-1.5 py-0.5 text-xs', STATUS_STYLES[status])}>{QUESTION_STATUS_LABELS[status]}</span>
}
