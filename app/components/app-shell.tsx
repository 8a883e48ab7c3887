import { Form, Link, NavLink } from '@remix-run/react'
import type { ReactNode } from 'react'
import { navFor } from '#app/utils/access.ts'
import { ROLE_LABELS, type Role } from '#app/utils/roles.ts'
import { cn } from '#app/utils/misc.ts'
import { NotificationBell } from './notification-bell.tsx'
import type { ShellIdentity } from '#app/courses/personal-island.ts'
import { usePersonalIsland } from './personal-island.tsx'

/** `identity` is null in a shared render; the page's personal island then supplies it. */
export type ShellUser = { identity: ShellIdentity | null; roles: Role[]; unread?: number | null }

export function AppShell({ user, children }: { user: ShellUser | null; children: ReactNode }) {
	return (
		<div className="flex min-h-screen flex-col bg-gray-50 text-gray-900">
			<header className="no-print border-b-4 border-brand-700 bg-white">
				<div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
					<Link to="/" className="text-xl font-bold text-brand-700">
						红审学堂
					</Link>
					{user ? (
						<nav aria-label="主导航" className="flex flex-1 flex-wrap gap-1">
							{navFor(user.roles).map((entry) => (
								<NavLink
									key={entry.to}
									to={entry.to}
									className={({ isActive }) =>
										cn('rounded px-3 py-1.5 text-sm font-medium', isActive ? 'bg-brand-50 text-brand-700' : 'text-gray-700 hover:bg-gray-100')
									}
								>
									{entry.label}
								</NavLink>
							))}
						</nav>
					) : (
						<div className="flex-1" />
					)}
					{user ? <NotificationBell unread={user.unread ?? null} /> : null}
					{user ? <UserMenu user={user} /> : null}
				</div>
			</header>
			<div className="flex-1">{children}</div>
			<footer className="no-print border-t bg-white py-4 text-center text-xs text-gray-500">红审学堂 · 审计干部培训与技能比武平台</footer>
		</div>
	)
}

function UserMenu({ user }: { user: ShellUser }) {
	const island = usePersonalIsland()
	const identity = user.identity ?? island?.identity ?? null
	return (
		<details className="relative">
			{/* The name must hold the words on screen (axe: label-content-name-mismatch), so speech users can say them. */}
			{/* A bordered button with a caret, so the name reads as a menu a person can open. */}
			<summary
				className="group flex min-h-11 cursor-pointer list-none items-center gap-1 rounded border border-gray-300 bg-white px-2 py-1 text-sm hover:border-brand-600 hover:bg-gray-50 [&::-webkit-details-marker]:hidden"
				aria-label={identity ? `账户菜单 ${identity.name} ${identity.unitName}` : '账户菜单 我的账户'}
			>
				{identity ? (
					<>
						<span className="font-medium">{identity.name}</span> <span className="ml-1 hidden text-gray-600 sm:inline">{identity.unitName}</span>
					</>
				) : (
					<span className="font-medium">我的账户</span>
				)}
				<svg aria-hidden="true" viewBox="0 0 12 12" className="ml-1 h-3 w-3 text-gray-600 transition-transform group-open:rotate-180">
					<path d="M2 4l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" />
				</svg>
			</summary>
			<div className="absolute right-0 z-20 mt-2 w-56 rounded border bg-white p-3 text-sm shadow-lg">
				{identity ? <p className="text-gray-600">单位：{identity.unitName}</p> : null}
				{identity ? <p className="text-gray-600">工号：{identity.username}</p> : null}
				<p className="mb-2 text-gray-600">身份：{user.roles.map((r) => ROLE_LABELS[r]).join('、')}</p>
				<Link to="/appeals" className="block rounded px-2 py-1 hover:bg-gray-100">
					我的申诉
				</Link>
				<Link to="/settings/password" className="block rounded px-2 py-1 hover:bg-gray-100">
					修改密码
				</Link>
				<Form method="post" action="/logout">
					<button type="submit" name="scope" value="this" className="block w-full rounded px-2 py-1 text-left hover:bg-gray-100">
						退出登录
					</button>
					<button type="submit" name="scope" value="everywhere" className="block w-full rounded px-2 py-1 text-left hover:bg-gray-100">
						退出所有设备
					</button>
				</Form>
			</div>
		</details>
	)
}

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
	return (
		<div className="mb-6 flex flex-wrap items-end justify-between gap-3">
			<div>
				<h1 className="text-2xl font-semibold">{title}</h1>
				{description ? <p className="mt-1 text-sm text-gray-600">{description}</p> : null}
			</div>
			{actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
		</div>
	)
}

export function Page({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
	return <main className={cn('mx-auto px-4 py-6', wide ? 'max-w-7xl' : 'max-w-6xl')}>{children}</main>
}
