import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, buttonClass, FormError, SelectField, TextareaField } from '#app/components/forms.tsx'
import { getPairingRow } from '#app/mentorship/overview.ts'
import { RATING_LABELS } from '#app/mentorship/labels.ts'
import { signOffTerm, SignOffSchema } from '#app/mentorship/term.ts'
import { requireRole } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { parseFormData } from '#app/utils/forms.ts'
import { refusalResponse } from '../admin+/__form-echo.ts'
import { pairingAccessOrThrow, requireWritable } from './__guard.server.ts'

export const meta: MetaFunction = () => [{ title: '结业评价 · 导师带徒 · 红审学堂' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const mentor = await requireRole(request, 'mentor')
	const access = await pairingAccessOrThrow(mentor, params.pairingId ?? '')
	requireWritable(access)
	const row = (await getPairingRow(prisma, access.pairingId))!
	return { pairingId: row.id, apprentice: row.apprentice, businessGoals: row.businessGoals, partyGoals: row.partyGoals }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const mentor = await requireRole(request, 'mentor')
	const access = await pairingAccessOrThrow(mentor, params.pairingId ?? '')
	requireWritable(access)
	const formData = await request.formData()
	const parsed = parseFormData(formData, SignOffSchema)
	if (!parsed.ok) return refusalResponse(parsed, formData)
	const result = await signOffTerm(prisma, mentor, { pairingId: access.pairingId, input: parsed.data })
	if (!result.ok) return refusalResponse(result, formData)
	throw redirect(`/mentorship/${access.pairingId}/report`)
}

const RATINGS = [{ value: '', label: '请选择' }, ...[4, 3, 2, 1].map((r) => ({ value: String(r), label: RATING_LABELS[r]! }))]

export default function SignOffPage() {
	const { pairingId, apprentice, businessGoals, partyGoals } = useLoaderData<typeof loader>()
	const failure = useActionData<typeof action>()
	const errors = failure?.fieldErrors ?? {}
	const values = failure?.values ?? {}
	return (
		<Page>
			<PageHeader title={`结业评价：${apprentice.name}`} description="按目标逐项评价并签署。签署后结对结业，记录只读，并写入审计日志；徒弟确认后评价完成。" />
			<Form method="post" className="flex flex-col gap-4 rounded-lg border border-gray-200 bg-white p-5" aria-label="结业评价">
				<FormError message={failure?.formError} />
				<fieldset className="flex flex-col gap-2">
					<legend className="font-medium">业务目标</legend>
					<p className="whitespace-pre-wrap text-sm text-gray-700">{businessGoals || '（未填写）'}</p>
					<SelectField label="业务目标评价" name="businessRating" defaultValue={values.businessRating} errors={errors.businessRating} options={RATINGS} required />
					<TextareaField label="业务评语" name="businessComment" rows={2} defaultValue={values.businessComment} errors={errors.businessComment} />
				</fieldset>
				<fieldset className="flex flex-col gap-2">
					<legend className="font-medium">党建目标</legend>
					<p className="whitespace-pre-wrap text-sm text-gray-700">{partyGoals || '（未填写）'}</p>
					<SelectField label="党建目标评价" name="partyRating" defaultValue={values.partyRating} errors={errors.partyRating} options={RATINGS} required />
					<TextareaField label="党建评语" name="partyComment" rows={2} defaultValue={values.partyComment} errors={errors.partyComment} />
				</fieldset>
				<TextareaField label="总体评语" name="comments" rows={4} defaultValue={values.comments} errors={errors.comments} required />
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
