import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, buttonClass, FormError, SelectField, TextareaField } from '#app/components/forms.tsx'
import { getPairingRow } from '#app/mentorship/overview.ts'
import { RATING_LABELS } from '#app/mentorship/labels.ts'
import { SignOffSchema } from '#app/mentorship/sign-off-form.ts'
import { signOffTerm } from '#app/mentorship/term.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { refusalReply } from '#app/utils/conform.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { pairingAccessOrThrow, requireWritable } from './__guard.server.ts'

export const meta: MetaFunction = () => [{ title: '结业评价 · 导师带徒 · 红审学堂' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const mentor = await requireAccess(request, '/mentor')
	const access = await pairingAccessOrThrow(mentor, params.pairingId ?? '')
	requireWritable(access)
	const row = (await getPairingRow(prisma, access.pairingId))!
	return { pairingId: row.id, apprentice: row.apprentice, businessGoals: row.businessGoals, partyGoals: row.partyGoals }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const mentor = await requireAccess(request, '/mentor')
	const access = await pairingAccessOrThrow(mentor, params.pairingId ?? '')
	requireWritable(access)
	const submission = parseWithZod(await request.formData(), { schema: SignOffSchema })
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const result = await signOffTerm(prisma, mentor, { pairingId: access.pairingId, input: submission.value })
	if (!result.ok) return refusalReply(submission, result)
	throw await redirectWithToast(`/mentorship/${encodeURIComponent(access.pairingId)}/report`, { title: '已签署结业评价。', description: '徒弟确认后评价完成。' })
}

const RATINGS = [{ value: '', label: '请选择' }, ...[4, 3, 2, 1].map((r) => ({ value: String(r), label: RATING_LABELS[r]! }))]

export default function SignOffPage() {
	const { pairingId, apprentice, businessGoals, partyGoals } = useLoaderData<typeof loader>()
	const lastResult = useActionData<typeof action>()
	const [form, fields] = useForm({
		id: 'sign-off',
		lastResult,
		constraint: getZodConstraint(SignOffSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: SignOffSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const select = (field: typeof fields.businessRating, label: string) => (
		<SelectField label={label} name={field.name} defaultValue={field.initialValue === undefined ? '' : String(field.initialValue)} errors={field.errors} options={RATINGS} required />
	)
	const textarea = (field: typeof fields.comments, label: string, rows: number, required = false) => (
		<TextareaField label={label} name={field.name} rows={rows} defaultValue={field.initialValue} errors={field.errors} required={required} />
	)
	return (
		<Page>
			<PageHeader title={`结业评价：${apprentice.name}`} description="按目标逐项评价并签署。签署后结对结业，记录只读，并写入审计日志；徒弟确认后评价完成。" />
			<Form method="post" className="flex flex-col gap-4 rounded-lg border border-gray-200 bg-white p-5" aria-label="结业评价" {...getFormProps(form)}>
				<FormError message={form.errors?.[0]} />
				<fieldset className="flex flex-col gap-2">
					<legend className="font-medium">业务目标</legend>
					<p className="whitespace-pre-wrap text-sm text-gray-700">{businessGoals || '（未填写）'}</p>
					{select(fields.businessRating, '业务目标评价')}
					{textarea(fields.businessComment, '业务评语', 2)}
				</fieldset>
				<fieldset className="flex flex-col gap-2">
					<legend className="font-medium">党建目标</legend>
					<p className="whitespace-pre-wrap text-sm text-gray-700">{partyGoals || '（未填写）'}</p>
					{select(fields.partyRating, '党建目标评价')}
					{textarea(fields.partyComment, '党建评语', 2)}
				</fieldset>
				{textarea(fields.comments, '总体评语', 4, true)}
				<div className="flex flex-wrap gap-2">
					<Button type="submit">签署结业评价</Button>
					<Link to={`/mentor/apprentices/${apprentice.id}`} className={buttonClass('secondary')}>
						返回
					</Link>
				</div>
				<input type="hidden" name="pairingId" value={pairingId} />
			</Form>
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
