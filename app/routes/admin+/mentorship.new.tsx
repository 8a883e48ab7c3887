import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, buttonClass, Field, FormError, TextareaField } from '#app/components/forms.tsx'
import { chinaDayOf } from '#app/mentorship/dates.ts'
import { createPairing, PairingFormSchema, pairingInputFromForm, toFormRefusal } from '#app/mentorship/pairings.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { parseFormData } from '#app/utils/forms.ts'
import { AdminNav } from './__admin-nav.tsx'
import { refusalResponse } from './__form-echo.ts'

export const meta: MetaFunction = () => [{ title: '新建结对 · 导师带徒 · 管理 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'admin')
	return null
}

export async function action({ request }: ActionFunctionArgs) {
	const admin = await requireRole(request, 'admin')
	const formData = await request.formData()
	const parsed = parseFormData(formData, PairingFormSchema)
	if (!parsed.ok) return refusalResponse(parsed, formData)
	const resolved = await pairingInputFromForm(prisma, parsed.data)
	if (!resolved.ok) return refusalResponse(resolved, formData)
	const result = await createPairing(prisma, admin, resolved.input)
	if (!result.ok) return refusalResponse(toFormRefusal(result), formData)
	throw redirect('/admin/mentorship?done=created')
}

export default function NewPairingPage() {
	const failure = useActionData<typeof action>()
	const errors = failure?.fieldErrors ?? {}
	const values = failure?.values ?? {}
	const today = new Date()
	const nextYear = new Date(today.getTime() + 365 * 24 * 3600 * 1000)
	return (
		<Page>
			<PageHeader title="新建结对" description="按工号指定导师和徒弟。导师须具有导师身份；一名徒弟同时只能有一位在带导师。" />
			<AdminNav />
			<Form method="post" className="flex flex-col gap-4 rounded-lg border border-gray-200 bg-white p-5" aria-label="新建结对">
				<FormError message={failure?.formError} />
				<div className="grid gap-4 sm:grid-cols-2">
					<Field label="导师工号" name="mentorUsername" defaultValue={values.mentorUsername} errors={errors.mentorUsername} required autoComplete="off" />
					<Field label="徒弟工号" name="apprenticeUsername" defaultValue={values.apprenticeUsername} errors={errors.apprenticeUsername} required autoComplete="off" />
					<Field label="开始日期" name="startsOn" type="date" defaultValue={values.startsOn ?? chinaDayOf(today)} errors={errors.startsOn} required />
					<Field label="结束日期" name="endsOn" type="date" defaultValue={values.endsOn ?? chinaDayOf(nextYear)} errors={errors.endsOn} required />
				</div>
				<TextareaField label="业务目标" name="businessGoals" rows={3} defaultValue={values.businessGoals} errors={errors.businessGoals} hint="如：独立完成一个经济责任审计项目的资金核查" />
				<TextareaField label="党建目标" name="partyGoals" rows={3} defaultValue={values.partyGoals} errors={errors.partyGoals} hint="如：每月参加主题党日，完成一篇廉政学习心得" />
				<div className="flex flex-wrap gap-2">
					<Button type="submit">建立结对</Button>
					<Link to="/admin/mentorship" className={buttonClass('secondary')}>
						取消
					</Link>
				</div>
			</Form>
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
