import { NavLink } from '@remix-run/react'
import { cn } from '#app/utils/misc.ts'

const ADMIN_SECTIONS = [
	{ to: '/admin', label: '概览', end: true },
	{ to: '/admin/units', label: '单位' },
	{ to: '/admin/users', label: '用户' },
	{ to: '/admin/import', label: '批量导入' },
	{ to: '/admin/mentorship', label: '导师带徒' },
	{ to: '/admin/seasons', label: '技能比武' },
	{ to: '/admin/rankings', label: '排行榜' },
	{ to: '/admin/appeals', label: '成绩申诉' },
	{ to: '/admin/audit', label: '审计日志' },
]

export function AdminNav() {
	return (
		<nav aria-label="管理功能" className="no-print mb-6 flex flex-wrap gap-1 border-b border-gray-200">
			{ADMIN_SECTIONS.map((section) => (
				<NavLink
					key={section.to}
					to={section.to}
					end={section.end}
					className={({ isActive }) =>
						cn('-mb-px border-b-2 px-3 py-2 text-sm font-medium', isActive ? 'border-brand-700 text-brand-700' : 'border-transparent text-gray-600 hover:text-gray-900')
					}
				>
					{section.label}
				</NavLink>
			))}
		</nav>
	)
}
