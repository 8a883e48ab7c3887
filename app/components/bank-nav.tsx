// The question bank's section links (题目列表, 新建, 导入, 人工评阅): the bank and grading pages share them.
import { NavLink } from '@remix-run/react'
import { cn } from '#app/utils/misc.ts'

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
