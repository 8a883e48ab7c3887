import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { DataTable, FilterActions } from '#app/components/data-table.tsx'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, Field, SelectField } from '#app/components/forms.tsx'
import { auditActionLabel } from '#app/admin/audit-actions.ts'
import { auditActionsInUse, checkAuditChain, listAuditEntries } from '#app/admin/audit-entries.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { AdminNav } from './__admin-nav.tsx'
import { AuditEntryRow } from './__audit-entry.tsx'
import { Notice } from './__notice.tsx'
import { Pagination } from './__pagination.tsx'

export const meta: MetaFunction = () => [{ title: '审计日志 · 管理 · 红审学堂' }]

const day = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.optional()
	.catch(undefined)

const AuditFiltersSchema = z.object({
	person: z.string().trim().max(64).optional().catch(undefined),
	action: z.string().max(100).optional().catch(undefined),
	from: day,
	to: day,
	page: z.coerce.number().int().min(1).catch(1),
})

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'admin')
	const params = Object.fromEntries(new URL(request.url).searchParams)
	const { page, ...filters } = AuditFiltersSchema.parse(params)
	const clean = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as typeof filters
	const [result, actions] = await Promise.all([listAuditEntries(prisma, clean, page), auditActionsInUse(prisma)])
	return { ...result, actions, form: { person: clean.person ?? '', action: clean.action ?? '', from: clean.from ?? '', to: clean.to ?? '' } }
}

/** Re-reads the whole chain; the first broken entry is shown with its content. */
export async function action({ request }: ActionFunctionArgs) {
	await requireRole(request, 'admin')
	return checkAuditChain(prisma)
}

export default function AuditLogPage() {
	const { entries, total, page, pageCount, actions, form } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const verifying = useNavigation().formMethod === 'POST'
	return (
		<Page wide>
			<PageHeader
				title="审计日志"
				description="管理操作逐条记录，每条的哈希都包含前一条的哈希；任何一条被改动或删除，校验时都会指出断裂之处。"
				actions={
					<Form method="post">
						<Button type="submit" variant="secondary" disabled={verifying}>
							{verifying ? '正在校验…' : '校验哈希链'}
						</Button>
					</Form>
				}
			/>
			<AdminNav />
			{actionData ? (
				actionData.verdict.ok ? (
					<Notice>哈希链完整：已校验全部 {actionData.verdict.checked} 条记录，未发现改动或删除。</Notice>
				) : (
					<div role="alert" className="mb-4 rounded border border-red-300 bg-red-50 p-4 text-sm text-red-900">
						<p className="font-semibold">
							哈希链在第 #{actionData.verdict.brokenAtId} 条记录处断裂：{actionData.verdict.reason}。此前 {actionData.verdict.checked} 条记录完好。
						</p>
						{actionData.broken ? (
							<table className="mt-3 min-w-full bg-white text-sm">
								<tbody>
									<AuditEntryRow entry={actionData.broken} highlighted />
								</tbody>
							</table>
						) : null}
					</div>
				)
			) : null}
			<Form method="get" className="mb-4 grid gap-3 rounded-lg border border-gray-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5" role="search" aria-label="筛选审计日志">
				<Field label="操作人（工号或姓名）" name="person" defaultValue={form.person} />
				<SelectField
					label="动作"
					name="action"
					defaultValue={form.action}
					options={[{ value: '', label: '全部动作' }, ...actions.map((a) => ({ value: a, label: auditActionLabel(a) }))]}
				/>
				<Field label="起始日期" name="from" type="date" defaultValue={form.from} />
				<Field label="截止日期" name="to" type="date" defaultValue={form.to} />
				<FilterActions clearTo="/admin/audit" />
			</Form>
			<DataTable columns={['编号', '时间', '操作人', '动作', '内容']} rowCount={entries.length} emptyMessage="没有符合条件的记录。">
				{entries.map((entry) => (
					<AuditEntryRow key={entry.id} entry={entry} />
				))}
			</DataTable>
			<Pagination page={page} pageCount={pageCount} total={total} />
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
