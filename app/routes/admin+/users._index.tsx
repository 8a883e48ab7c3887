import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { DataTable, FilterActions } from '#app/components/data-table.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { buttonClass, Field, SelectField } from '#app/components/forms.tsx'
import { unitChoices } from '#app/admin/units.ts'
import { roleLabels } from '#app/admin/user-fields.ts'
import { listUsers } from '#app/admin/users.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { ROLE_LABELS, ROLES } from '#app/utils/roles.ts'
import { AdminNav } from './__admin-nav.tsx'
import { StatusBadge } from '#app/components/notice.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { readUserFilters } from './__user-filters.ts'

export const meta: MetaFunction = () => [{ title: '用户 · 管理 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	const { filters, page, form } = readUserFilters(new URL(request.url).searchParams)
	const [result, units] = await Promise.all([listUsers(prisma, filters, page), unitChoices(prisma, { includeInactive: true })])
	return { ...result, form, units: units.map(({ id, label }) => ({ id, label })) }
}

const STATUS_OPTIONS = [
	{ value: '', label: '全部' },
	{ value: 'active', label: '在用' },
	{ value: 'pending', label: '在用且未改初始密码' },
	{ value: 'inactive', label: '已停用' },
]

export default function UsersPage() {
	const { users, total, page, pageCount, form, units } = useLoaderData<typeof loader>()
	return (
		<Page wide>
			<PageHeader
				title="用户"
				actions={
					<>
						<Link to="/admin/users/new" className={buttonClass('primary')}>
							新建用户
						</Link>
						<Link to="/admin/import?kind=users" className={buttonClass('secondary')}>
							批量导入
						</Link>
						<Form method="post" action="/admin/users/export" reloadDocument>
							{Object.entries(form).map(([key, value]) => (
								<input key={key} type="hidden" name={key} value={value} />
							))}
							<button type="submit" className={buttonClass('secondary')}>
								导出 Excel
							</button>
						</Form>
					</>
				}
			/>
			<AdminNav />
			<Form method="get" className="mb-4 grid gap-3 rounded-lg border border-gray-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6" role="search" aria-label="筛选用户">
				<Field label="工号或姓名" name="q" defaultValue={form.q} className="lg:col-span-2" placeholder="如 s0001 或 张" />
				<SelectField label="单位" name="unit" defaultValue={form.unit} options={[{ value: '', label: '全部单位' }, ...units.map((u) => ({ value: u.id, label: u.label }))]} className="lg:col-span-2" />
				<SelectField label="范围" name="scope" defaultValue={form.scope} options={[{ value: 'all', label: '含下级单位' }, { value: 'self', label: '仅本单位' }]} />
				<SelectField label="角色" name="role" defaultValue={form.role} options={[{ value: '', label: '全部角色' }, ...ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))]} />
				<SelectField label="状态" name="status" defaultValue={form.status} options={STATUS_OPTIONS} />
				<FilterActions clearTo="/admin/users" />
			</Form>
			<DataTable columns={['工号', '姓名', '单位', '角色', '手机', '状态', '操作']} rowCount={users.length} emptyMessage="没有符合条件的用户。">
				{users.map((user) => (
					<tr key={user.id} className={user.active ? '' : 'text-gray-500'}>
						<td className="px-3 py-2 font-mono">{user.username}</td>
						<td className="px-3 py-2">{user.name}</td>
						<td className="px-3 py-2">{user.unit.name}</td>
						<td className="px-3 py-2">{roleLabels(user.roles)}</td>
						<td className="px-3 py-2">{user.phone ?? ''}</td>
						<td className="space-x-1 px-3 py-2">
							<StatusBadge active={user.active} />
							{user.active && user.mustChangePassword ? <span className="rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800">未改初始密码</span> : null}
						</td>
						<td className="px-3 py-2">
							<Link to={`/admin/users/${user.id}`} className="text-brand-700 hover:underline" aria-label={`编辑 ${user.name}`}>
								编辑
							</Link>
						</td>
					</tr>
				))}
			</DataTable>
			<Pagination page={page} pageCount={pageCount} total={total} unit="人" />
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
