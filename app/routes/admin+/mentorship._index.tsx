import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { DataTable, FilterActions } from '#app/components/data-table.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { buttonClass, Field, SelectField } from '#app/components/forms.tsx'
import { unitChoices } from '#app/admin/units.ts'
import { chinaDayOf } from '#app/mentorship/dates.ts'
import { PAIRING_FILTER_LABELS, PAIRING_FILTERS } from '#app/mentorship/labels.ts'
import { listPairings } from '#app/mentorship/overview.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { AdminNav } from './__admin-nav.tsx'
import { FlagList, PairingStatusBadge } from '#app/components/mentorship/pairing-status.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { readPairingFilters } from './__pairing-filters.ts'

export const meta: MetaFunction = () => [{ title: '导师带徒 · 管理 · 红审学堂' }]

const PAGE_SIZE = 50

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	const url = new URL(request.url)
	const { filters, form } = readPairingFilters(url.searchParams)
	const [rows, units] = await Promise.all([listPairings(prisma, filters), unitChoices(prisma, { includeInactive: true })])
	const pageCount = Math.max(1, Math.ceil(rows.length / PAGE_SIZE))
	const page = Math.min(pageCount, Math.max(1, Number(url.searchParams.get('page')) || 1))
	return {
		rows: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
		total: rows.length,
		page,
		pageCount,
		form,
		units: units.map(({ id, label }) => ({ id, label })),
	}
}

export default function MentorshipAdminPage() {
	const { rows, total, page, pageCount, form, units } = useLoaderData<typeof loader>()
	return (
		<Page wide>
			<PageHeader
				title="导师带徒"
				description="为青年审计干部结对导师；一名徒弟同时只有一位在带导师，结束或更换后历史记录保留。"
				actions={
					<>
						<Link to="/admin/mentorship/new" className={buttonClass('primary')}>
							新建结对
						</Link>
						<Link to="/admin/import?kind=pairings" className={buttonClass('secondary')}>
							批量导入
						</Link>
						<Form method="post" action="/admin/mentorship/export" reloadDocument>
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
			<Form method="get" className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-gray-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5 [&>*]:min-w-0 [&_select]:min-w-0" role="search" aria-label="筛选结对">
				<Field label="工号或姓名" name="q" defaultValue={form.q} className="lg:col-span-1" placeholder="导师或徒弟" />
				<SelectField label="单位（含下级）" name="unit" defaultValue={form.unit} options={[{ value: '', label: '全部单位' }, ...units.map((u) => ({ value: u.id, label: u.label }))]} className="lg:col-span-2" />
				<SelectField label="状态" name="status" defaultValue={form.status} options={PAIRING_FILTERS.map((value) => ({ value, label: PAIRING_FILTER_LABELS[value] }))} />
				<FilterActions clearTo="/admin/mentorship" />
			</Form>
			<DataTable columns={['导师', '徒弟', '结对期', '状态', '需关注', '操作']} rowCount={rows.length} emptyMessage="没有符合条件的结对。" label="结对列表">
				{rows.map((row) => (
					<tr key={row.id}>
						<td className="px-3 py-2">
							{row.mentor.name}
							<span className="block text-xs text-gray-500">{row.mentor.unitName}</span>
						</td>
						<td className="px-3 py-2">
							{row.apprentice.name}
							<span className="block text-xs text-gray-500">{row.apprentice.unitName}</span>
						</td>
						<td className="whitespace-nowrap px-3 py-2">
							{chinaDayOf(new Date(row.startsOn))} 至 {chinaDayOf(new Date(row.endsOn))}
						</td>
						<td className="px-3 py-2">
							<PairingStatusBadge status={row.status} />
						</td>
						<td className="min-w-48 px-3 py-2">
							<FlagList flags={row.flags} />
						</td>
						<td className="px-3 py-2">
							<Link to={`/admin/mentorship/${row.id}`} className="text-brand-700 hover:underline" aria-label={`查看 ${row.mentor.name} 与 ${row.apprentice.name} 的结对`}>
								查看
							</Link>
						</td>
					</tr>
				))}
			</DataTable>
			<Pagination page={page} pageCount={pageCount} total={total} unit="个结对" />
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
