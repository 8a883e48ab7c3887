import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, buttonClass, Field, FormError, inputProps, TextareaField } from '#app/components/forms.tsx'
import { chinaDayOf } from '#app/mentorship/dates.ts'
import { PairingFormSchema } from '#app/mentorship/pairing-form.ts'
import { createPairing, pairingInputFromForm, toFormRefusal } from '#app/mentorship/pairings.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { refusalReply } from '#app/utils/conform.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { AdminNav } from './__admin-nav.tsx'

export const meta: MetaFunction = () => [{ title: '新建结对 · 导师带徒 · 管理 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/admin')
	return null
}

export async function action({ request }: ActionFunctionArgs) {
	const admin = await requireAccess(request, '/admin')
	const submission = parseWithZod(await request.formData(), { schema: PairingFormSchema })
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const resolved = await pairingInputFromForm(prisma, submission.value)
	if (!resolved.ok) return refusalReply(submission, resolved)
	const result = await createPairing(prisma, admin, resolved.input)
	if (!result.ok) return refusalReply(submission, toFormRefusal(result))
	throw await redirectWithToast('/admin/mentorship', { title: '已建立结对。' })
}

export default function NewPairingPage() {
	const lastResult = useActionData<typeof action>()
	const today = new Date()
	const nextYear = new Date(today.getTime() + 365 * 24 * 3600 * 1000)
	const [form, fields] = useForm({
		id: 'new-pairing',
		lastResult,
		defaultValue: { startsOn: chinaDayOf(today), endsOn: chinaDayOf(nextYear) },
		constraint: getZodConstraint(PairingFormSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: PairingFormSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	return (
		<Page>
			<PageHeader title="新建结对" description="按工号指定导师和徒弟。导师须具有导师身份；一名徒弟同时只能有一位在带导师。" />
			<AdminNav />
			<Form method="post" className="flex flex-col gap-4 rounded-lg border border-gray-200 bg-white p-5" aria-label="新建结对" {...getFormProps(form)}>
				<FormError message={form.errors?.[0]} />
				<div className="grid gap-4 sm:grid-cols-2">
					<Field label="导师工号" autoComplete="off" errors={fields.mentorUsername.errors} {...inputProps(fields.mentorUsername, { type: 'text' })} />
					<Field label="徒弟工号" autoComplete="off" errors={fields.apprenticeUsername.errors} {...inputProps(fields.apprenticeUsername, { type: 'text' })} />
					<Field label="开始日期" errors={fields.startsOn.errors} {...inputProps(fields.startsOn, { type: 'date' })} />
					<Field label="结束日期" errors={fields.endsOn.errors} {...inputProps(fields.endsOn, { type: 'date' })} />
				</div>
				<TextareaField label="业务目标" name={fields.businessGoals.name} rows={3} defaultValue={fields.businessGoals.initialValue} errors={fields.businessGoals.errors} hint="如：独立完成一个经济责任审计项目的资金核查" />
				<TextareaField label="党建目标" name={fields.partyGoals.name} rows={3} defaultValue={fields.partyGoals.initialValue} errors={fields.partyGoals.errors} hint="如：每月参加主题党日，完成一篇廉政学习心得" />
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
