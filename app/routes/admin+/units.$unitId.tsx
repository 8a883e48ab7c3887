import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button } from '#app/components/forms.tsx'
import { IntentForm, replyFor } from '#app/components/intent-form.tsx'
import { UNIT_KIND_LABELS, type UnitKind } from '#app/admin/unit-kinds.ts'
import { getUnitDetail, parentChoicesFor, setUnitActive, updateUnit } from '#app/admin/units.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { refusalReply } from '#app/utils/conform.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { AdminNav } from './__admin-nav.tsx'
import { StatusBadge } from '#app/components/notice.tsx'
import { UnitForm, UnitFormSchema } from './__unit-form.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.unit.name ?? '单位'} · 管理 · 红审学堂` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	const unitId = params.unitId!
	const unit = await getUnitDetail(prisma, unitId)
	if (!unit) throw data({ message: '单位不存在' }, { status: 404 })
	return { unit, parentChoices: await parentChoicesFor(prisma, unitId) }
}

const IntentSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('save') }),
	z.object({ intent: z.literal('deactivate') }),
	z.object({ intent: z.literal('reactivate') }),
])
/** 停用 / 重新启用: a form of one button (ADR 070), refused above it. */
const ActivationSchema = z.object({ intent: z.enum(['deactivate', 'reactivate']) })

export async function action({ request, params }: ActionFunctionArgs) {
	const admin = await requireAccess(request, '/admin')
	const unitId = params.unitId!
	const formData = await request.formData()
	const intent = IntentSchema.safeParse({ intent: formData.get('intent') })
	if (!intent.success) throw data({ message: '未知的操作' }, { status: 400 })
	const here = `/admin/units/${unitId}`
	switch (intent.data.intent) {
		case 'save': {
			const submission = parseWithZod(formData, { schema: UnitFormSchema })
			if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
			const result = await updateUnit(prisma, admin, { unitId, ...submission.value })
			if (!result.ok) return refusalReply(submission, result)
			throw await redirectWithToast(here, { title: result.changed ? '已保存。' : '没有改动。', type: result.changed ? 'success' : 'info' })
		}
		case 'deactivate':
		case 'reactivate': {
			const submission = parseWithZod(formData, { schema: ActivationSchema })
			const active = intent.data.intent === 'reactivate'
			const result = await setUnitActive(prisma, admin, { unitId, active })
			if (!result.ok) {
				if (result.notFound) throw data({ message: result.formError }, { status: 404 })
				return data(submission.reply({ formErrors: [result.formError ?? Object.values(result.fieldErrors).flat()[0] ?? '操作未完成'] }), { status: 400 })
			}
			throw await redirectWithToast(here, { title: active ? '单位已启用。' : '单位已停用。' })
		}
	}
}

export default function UnitPage() {
	const { unit, parentChoices } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	// One reply for the page: each form takes its own (by the button that sent it).
	const lastResult = replyFor(actionData, { intent: 'save' })
	const activationResult = replyFor(actionData, { intent: unit.active ? 'deactivate' : 'reactivate' })
	return (
		<Page>
			<PageHeader
				title={unit.name}
				description={
					<span className="flex flex-wrap items-center gap-2">
						<span>{unit.path}</span>
						<span>· {UNIT_KIND_LABELS[unit.kind as UnitKind] ?? unit.kind}</span>
						<StatusBadge active={unit.active} />
					</span>
				}
				actions={
					<Link to={`/admin/units/new?parent=${unit.id}`} className="text-sm text-brand-700 hover:underline">
						在此单位下新建
					</Link>
				}
			/>
			<AdminNav />
			<div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
				<section>
					<h2 className="mb-3 font-semibold">修改</h2>
					<UnitForm
						// A fresh form after each saved change, so the defaults are what was stored.
						key={`${unit.name}|${unit.kind}|${unit.parentId ?? ''}`}
						id="edit-unit"
						defaults={{ name: unit.name, kind: unit.kind, parentId: unit.parentId }}
						parentChoices={parentChoices}
						lastResult={lastResult}
						submitLabel="保存"
						intent="save"
					/>
				</section>
				<aside className="flex flex-col gap-4">
					<section className="rounded-lg border border-gray-200 bg-white p-4 text-sm">
						<h2 className="mb-2 font-semibold">人员与下级</h2>
						<p>
							在用人员 <strong>{unit.activeUsers}</strong> 人
							{unit.inactiveUsers ? `（另有 ${unit.inactiveUsers} 个停用账号）` : ''}，在用下级单位 <strong>{unit.activeChildren}</strong> 个。
						</p>
						<Link to={`/admin/users?unit=${unit.id}&scope=self`} className="mt-2 inline-block text-brand-700 hover:underline">
							查看本单位人员
						</Link>
					</section>
					<ActivationPanel unit={unit} lastResult={activationResult} />
				</aside>
			</div>
		</Page>
	)
}

function ActivationPanel({ unit, lastResult }: { unit: { name: string; active: boolean; activeUsers: number; activeChildren: number }; lastResult?: SubmissionResult }) {
	if (!unit.active) {
		return (
			<IntentForm id="reactivate-unit" lastResult={lastResult} className="rounded-lg border border-gray-200 bg-white p-4 text-sm">
				<h2 className="mb-2 font-semibold">启用</h2>
				<p className="mb-3 text-gray-600">启用后，此单位重新出现在新建用户、导入和上级单位的选项中。</p>
				<Button type="submit" name="intent" value="reactivate" variant="secondary">
					重新启用
				</Button>
			</IntentForm>
		)
	}
	const consequence = `停用后：此单位不再出现在新建用户、批量导入和上级单位的选项中；其下 ${unit.activeUsers} 名在用人员不受影响，仍可登录，如需调整请逐个修改其单位；${unit.activeChildren} 个在用下级单位保持在用。`
	return (
		<IntentForm id="deactivate-unit" lastResult={lastResult} confirm={`确定停用“${unit.name}”吗？\n\n${consequence}`} className="rounded-lg border border-red-200 bg-white p-4 text-sm">
			<h2 className="mb-2 font-semibold">停用</h2>
			<p className="mb-3 text-gray-600">{consequence}</p>
			<Button type="submit" name="intent" value="deactivate" variant="danger">
				停用此单位
			</Button>
		</IntentForm>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
