import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { DataTable, FilterActions } from '#app/components/data-table.tsx'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, Field, SelectField } from '#app/components/forms.tsx'
import { IntentForm } from '#app/components/intent-form.tsx'
import { auditActionLabel } from '#app/admin/audit-actions.ts'
import { auditActionsInUse, checkAuditChain, listAuditEntries, recordAuditCheckpoint } from '#app/admin/audit-entries.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { serverEnv } from '#app/utils/env.server.ts'
import { formatDateTimeSeconds } from '#app/utils/misc.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { AdminNav } from './__admin-nav.tsx'
import { AuditEntryRow } from './__audit-entry.tsx'
import { Notice } from '#app/components/notice.tsx'
import { Pagination } from '#app/components/pagination.tsx'

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
	/** 校验哈希链: a read, so a GET (refreshing it checks again and changes nothing). */
	verify: z.literal('1').optional().catch(undefined),
})

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	const params = Object.fromEntries(new URL(request.url).searchParams)
	const { page, verify, ...filters } = AuditFiltersSchema.parse(params)
	const clean = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as typeof filters
	const [result, actions, chain] = await Promise.all([listAuditEntries(prisma, clean, page), auditActionsInUse(prisma), checkAuditChain(prisma, checkpointSettings())])
	const anchor = { latest: chain.latest, checkpointCount: chain.checkpointCount, ok: chain.verdict.ok }
	const verification = verify ? { verdict: chain.verdict, checkpointCount: chain.checkpointCount, broken: chain.broken } : null
	return { ...result, actions, anchor, verification, form: { person: clean.person ?? '', action: clean.action ?? '', from: clean.from ?? '', to: clean.to ?? '' } }
}

const checkpointSettings = () => ({ file: serverEnv.auditCheckpointFile, secret: serverEnv.auditLogSecret })

const CheckpointSchema = z.object({ intent: z.literal('checkpoint', { error: '未知的操作' }) })

/**
 * Records a checkpoint of the head now, once the chain verifies; then shows the verification
 * (post-redirect-get, so a refresh does not record a second checkpoint).
 */
export async function action({ request }: ActionFunctionArgs) {
	const admin = await requireAccess(request, '/admin')
	const submission = parseWithZod(await request.formData(), { schema: CheckpointSchema })
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const check = await checkAuditChain(prisma, checkpointSettings())
	if (!check.verdict.ok) return data(submission.reply({ formErrors: ['哈希链不完整，未记录检查点；请先点“校验哈希链”查看断裂处。'] }), { status: 409 })
	const checkpoint = await recordAuditCheckpoint(prisma, admin.id, checkpointSettings())
	return redirectWithToast('/admin/audit?verify=1', { title: `已记录检查点（${checkpoint.count} 条记录）` })
}

function shortHash(hash: string) {
	return hash.length > 20 ? `${hash.slice(0, 12)}…${hash.slice(-6)}` : hash
}


export default function AuditLogPage() {
	const { entries, total, page, pageCount, actions, form, anchor, verification } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const navigation = useNavigation()
	const busy = navigation.formMethod === 'POST' ? 'checkpoint' : navigation.state === 'loading' && navigation.location?.search.includes('verify=1') ? 'verify' : null
	return (
		<Page wide>
			<PageHeader
				title="审计日志"
				description="管理操作逐条记录，每条的哈希都用审计密钥计算并包含前一条的哈希；链头定期签名记入数据库之外的检查点文件。任何一条被改动、删除或截断，校验时都会指出。"
				actions={
					<div className="flex flex-wrap items-start gap-2">
						<Form method="get">
							<input type="hidden" name="verify" value="1" />
							<Button type="submit" variant="secondary" disabled={Boolean(busy)}>
								{busy === 'verify' ? '正在校验…' : '校验哈希链'}
							</Button>
						</Form>
						<IntentForm id="audit-checkpoint" lastResult={lastResult} label="记录检查点">
							<Button type="submit" name="intent" value="checkpoint" variant="secondary" disabled={Boolean(busy)}>
								{busy === 'checkpoint' ? '正在记录…' : '立即记录检查点'}
							</Button>
						</IntentForm>
					</div>
				}
			/>
			<AdminNav />
			<section aria-label="审计检查点" className="mb-4 rounded border border-gray-200 bg-white px-4 py-3 text-sm text-gray-800">
				{anchor.latest ? (
					<p>
						最新检查点：{formatDateTimeSeconds(anchor.latest.at)}，记录了 {anchor.latest.count} 条记录，链头 <code className="text-xs">{shortHash(anchor.latest.headHash)}</code>
						（共 {anchor.checkpointCount} 个检查点）。
						{anchor.ok ? <span className="text-green-800">哈希链与全部检查点相符。</span> : <strong className="text-red-800">哈希链与检查点不符，请点“校验哈希链”查看。</strong>}
					</p>
				) : (
					<p>
						还没有检查点：删除最新的记录暂时无法被发现。
						{anchor.ok ? null : <strong className="text-red-800">哈希链校验失败，请点“校验哈希链”查看。</strong>}
					</p>
				)}
			</section>
			{verification ? (
				verification.verdict.ok ? (
					<Notice>
						哈希链完整：已校验全部 {verification.verdict.checked} 条记录，与 {verification.checkpointCount} 个检查点相符，未发现改动、删除或截断。
					</Notice>
				) : (
					<div role="alert" className="mb-4 rounded border border-red-300 bg-red-50 p-4 text-sm text-red-900">
						<p className="font-semibold">
							{verification.verdict.brokenAtId === null ? '审计日志校验失败' : `哈希链在第 #${verification.verdict.brokenAtId} 条记录处断裂`}：{verification.verdict.reason}。此前{' '}
							{verification.verdict.checked} 条记录完好。哈希链不完整时不记录新的检查点。
						</p>
						{verification.broken ? (
							<table className="mt-3 min-w-full bg-white text-sm">
								<tbody>
									<AuditEntryRow entry={verification.broken} highlighted />
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
